import { describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../model/cable.js";
import { detectFormat, READER_EXTENSIONS, READER_NAMES, READERS } from "./readers.js";

describe("the reader registry", () => {
  it("has one reader per format name of the contract, under its own name", () => {
    expect([...READER_NAMES].sort()).toEqual([...FORMAT_NAMES].sort());
    for (const [key, r] of Object.entries(READERS)) expect(r.name).toBe(key);
  });

  it("detects each reader by its extensions when the content says nothing", () => {
    const plain = Buffer.from("Some words of a cable.\nMore words.\n");
    for (const r of Object.values(READERS)) {
      for (const ext of r.extensions) {
        expect(detectFormat(plain, ext ? `file.${ext.toUpperCase()}` : "file"), ext).toBe(r.name);
        expect(READER_EXTENSIONS.has(ext ? `.${ext}` : "")).toBe(true);
      }
    }
  });

  it("lets conclusive content win over the name", () => {
    const page = Buffer.from("<!DOCTYPE html><html><body>x</body></html>");
    expect(detectFormat(page, "cable.csv")).toBe("html");
  });
});
