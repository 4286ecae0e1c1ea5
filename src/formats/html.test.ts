import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readHtml } from "./html.js";
import { decodePageEntities, htmlToText, stripTags } from "./html-text.js";
import type { RawRecord, ReadError, ReadItem } from "./record.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url));

function record(item: ReadItem): RawRecord {
  if (item.kind !== "record") throw new Error(`expected a record, got: ${item.reason}`);
  return item;
}

function error(item: ReadItem): ReadError {
  if (item.kind !== "error") throw new Error("expected an error");
  return item;
}

describe("WikiLeaks cable page reader", () => {
  it("reads the metadata table, taking the classification link's text, not its title", () => {
    const rec = record(readHtml(fixture("05PARIS104.html"), "05PARIS104.html"));
    expect(rec.metadata).toEqual({
      referenceId: "05PARIS104",
      created: "2005-01-06 17:05",
      released: "2010-11-30 16:04",
      classification: "SECRET",
      origin: "Embassy Paris",
      subject: "GTMO AND DJAMEL BEGHAL TRIAL UPDATES",
    });
    expect(rec.source).toEqual({ format: "html", file: "05PARIS104.html", offset: 0, line: 1 });
  });

  it("keeps the first block apart (here the partial banner) and decodes the body block", () => {
    const rec = record(readHtml(fixture("05PARIS104.html"), "p.html"));
    expect(rec.header).toBe(
      "This record is a partial extract of the original cable. The full text of the original cable is not available.",
    );
    expect(rec.body.startsWith("S E C R E T SECTION 01 OF 02 PARIS 000104 \n\nSIPDIS")).toBe(true);
    expect(rec.body).toContain("TAGS: FR PGOV PINR PREL KISL\n");
    expect(rec.body).toContain("\nB. PARIS 8918");
    expect(rec.body).toContain("\n1. (C) Summary: The investigation");
    expect(rec.body).not.toMatch(/&#x000A;|<a |<\/a>|\u00b6/);
    expect(rec.warnings).toEqual([]);
  });

  it("reads a page of the final 2011-08 site with a DTG header block", () => {
    const rec = record(readHtml(fixture("73TEHRAN2077.html"), "t.html"));
    expect(rec.metadata.released).toBe("2011-08-30 01:44");
    expect(rec.header).toBe(
      "P 020834Z APR 73\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC PRIORITY 1692\nINFO AMEMBASSY ISLAMABAD PRIORITY",
    );
    expect(rec.body.startsWith("S E C R E T TEHRAN 2077")).toBe(true);
    // The page ends with another cable's database row (06THEHAGUE131): not this cable's text.
    expect(rec.body).not.toContain("THEHAGUE");
    expect(rec.warnings).toEqual(["text of another cable (06THEHAGUE131) after the body dropped"]);
  });

  it("splits a raw database row out of the body block and drops the export's backslashes", () => {
    const rec = record(readHtml(fixture("07BERN881.html"), "b.html"));
    expect(rec.metadata.subject).toBe('FM CALMY-REY "TAKES NOTE" OF USG CONCERNS \\');
    expect(rec.header?.startsWith("VZCZCXRO4549\nOO RUEHRG\nDE RUEHSW #0881/01 2540944")).toBe(
      true,
    );
    expect(rec.body.startsWith("S E C R E T SECTION 01 OF 02 BERN 000881 \n \nSIPDIS")).toBe(true);
    expect(rec.body).toContain('SUBJECT: FM CALMY-REY "TAKES NOTE" OF USG CONCERNS \nREGARDING');
    expect(rec.body).not.toMatch(/\t|\\\n|TBILISI/);
    expect(rec.body.trimEnd().endsWith("CARTER")).toBe(true);
    expect(rec.warnings).toEqual([
      expect.stringMatching(/^raw database row in the text \(07BERN881, Embassy Bern, SECRET\)/),
      "text of another cable (07TBILISI2290) after the body dropped",
    ]);
  });

  it("reads a page without the Released column (pages served after 2015)", () => {
    const page = fixture("05PARIS104.html")
      .toString("utf8")
      .replace("<th>Released</th>", "")
      .replace(/<td>\s*<a href='\/reldate\/[^<]*<\/a>\s*<\/td>/, "");
    const rec = record(readHtml(Buffer.from(page), "p.html"));
    expect(rec.metadata.released).toBeUndefined();
    expect(rec.metadata).toMatchObject({ classification: "SECRET", origin: "Embassy Paris" });
  });

  it("reads a page whose only block is the body", () => {
    const page = fixture("05PARIS104.html")
      .toString("utf8")
      .replace(/<code><pre>This record[^<]*<\/pre><\/code>/, "");
    const rec = record(readHtml(Buffer.from(page), "p.html"));
    expect(rec.header).toBeNull();
    expect(rec.body.startsWith("S E C R E T")).toBe(true);
  });
});

describe("truncated and foreign HTML", () => {
  const page = fixture("05PARIS104.html");

  it("reports a page cut inside the body block, with its line", () => {
    const cut = page.subarray(0, page.indexOf("Summary: The investigation"));
    const err = error(readHtml(cut, "cut.html"));
    expect(err.reason).toBe("<pre> block not closed (page cut off)");
    expect(err.source.line).toBe(1509);
    expect(cut.subarray(err.source.offset, err.source.offset + 5).toString()).toBe("<pre>");
  });

  it("reports a page cut inside the metadata table", () => {
    const cut = page.subarray(0, page.indexOf("<th>Origin</th>"));
    expect(error(readHtml(cut, "cut.html")).reason).toBe(
      "metadata table not closed (page cut off)",
    );
  });

  it("reports an HTML page that is not a cable page", () => {
    const other = Buffer.from("<!DOCTYPE html><html><body><p>Hello</p></body></html>");
    const err = error(readHtml(other, "x.html"));
    expect(err.reason).toMatch(/no cable metadata table/);
    expect(err.source).toEqual({ format: "html", file: "x.html", offset: 0, line: 1 });
  });

  it("reports a page with the table but no text block", () => {
    const cut = page.subarray(0, page.indexOf("<code><pre>"));
    expect(error(readHtml(cut, "c.html")).reason).toMatch(/no <pre> block/);
  });
});

describe("markup to text", () => {
  it("removes paragraph anchors with their pilcrow and keeps link text", () => {
    const html =
      "TAGS: <a href='/tag/KZ_0.html'>KZ</a>&#x000A;<a id='par2' href='#par2'>\u00b6</a>2. (C) Text";
    expect(htmlToText(html)).toBe("TAGS: KZ\n2. (C) Text");
  });

  it("decodes real entities only, and keeps raw `&` and `<` text", () => {
    expect(decodePageEntities("R&D; AT&T &amp; &#8217;s &#x2014; &bogus; &#xD800;")).toBe(
      "R&D; AT&T & \u2019s \u2014 &bogus; &#xD800;",
    );
    expect(stripTags("<< END OF DOCUMENT >> a < b > c <SIC>")).toBe(
      "<< END OF DOCUMENT >> a < b > c <SIC>",
    );
    expect(htmlToText("x&lt;a href='y'&gt;z")).toBe("x<a href='y'>z");
    expect(stripTags("one<br />two<b>three</b>")).toBe("one\ntwothree");
  });
});
