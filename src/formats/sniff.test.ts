import { describe, expect, it } from "vitest";
import { detectFormat } from "./readers.js";
import { binaryOffset } from "./sniff.js";

/** `text` as the bytes of a larger buffer, starting `shift` bytes in (an unaligned view). */
function view(text: string | Buffer, shift: number): Uint8Array {
  const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
  const host = Buffer.alloc(bytes.length + shift + 3, 0x41);
  bytes.copy(host, shift);
  return host.subarray(shift, shift + bytes.length);
}

describe("binaryOffset", () => {
  const line = "UNCLAS SECTION 01 OF 02 TRIPOLI 000220\tSIPDIS\r\n\f";

  it("takes tabs, line ends and form feeds for text, at any alignment", () => {
    for (let shift = 0; shift < 4; shift++) {
      expect(binaryOffset(view(line.repeat(120), shift))).toBe(-1);
    }
  });

  it("gives the first control byte once they pass 2 % of the first 4 KB", () => {
    const text = "A".repeat(1001) + "\u0001".repeat(50) + "\u007f".repeat(40) + "B".repeat(3000);
    for (let shift = 0; shift < 4; shift++) expect(binaryOffset(view(text, shift))).toBe(1001);
    // 81 of 4096 bytes is under 2 %: still text.
    const few = "A".repeat(1000) + "\u0002".repeat(81) + "B".repeat(3015);
    expect(binaryOffset(view(few, 1))).toBe(-1);
    // Control bytes after the first 4 KB are not looked at.
    expect(binaryOffset(view(`${"A".repeat(4096)}${"\u0003".repeat(500)}`, 3))).toBe(-1);
  });

  it("gives the first NUL at once, and trusts a UTF-16 byte-order mark", () => {
    expect(binaryOffset(view("ABC\u0000DEF", 2))).toBe(3);
    expect(binaryOffset(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe(-1);
  });
});

describe("detectFormat", () => {
  it("finds the metadata table of a page saved without its preamble", () => {
    const page = `${"<div>nav</div>\n".repeat(50)}<table class='cable'><tr><td>x</td></tr></table>`;
    expect(detectFormat(Buffer.from(page), "saved.txt")).toBe("html");
    expect(detectFormat(Buffer.from(page.replace("'cable'", '"cable"')), "saved.txt")).toBe("html");
    // The class value alone, without `class=` before it, is not the table.
    expect(detectFormat(Buffer.from("id='cable' text"), "notes.txt")).toBe("raw");
  });
});
