import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snippetArchive } from "../../test/search/snippet-archive.js";
import type { Db } from "../store/db.js";
import { search } from "./index.js";

let db: Db;
beforeAll(() => {
  db = snippetArchive();
});
afterAll(() => db.close());

const hit = (q: string, id = "10TOKYO171") => {
  const h = search(db, q).hits.find((x) => x.referenceId === id);
  if (!h) throw new Error(`no hit ${id} for ${q}`);
  return h;
};

describe("snippets: the paragraph a hit names", () => {
  it("names the paragraph whose text matches", () => {
    const h = hit("cites");
    expect(h.paragraph).toBe(5);
    expect(h.snippet).toContain("<mark>CITES</mark>");
    expect(hit("sscs").paragraph).toBe(6);
  });

  it("names the paragraph holding most of an AND spread over several paragraphs", () => {
    // Iceland is in paragraphs 1, 2, 4 and 5; CITES only in 5.
    expect(hit("iceland cites").paragraph).toBe(5);
    // Sea Shepherd's harassment of the fleet: paragraph 1 once each, paragraph 6 twice each.
    expect(hit("harassment fleet").paragraph).toBe(6);
  });

  it("does not take a phrase broken across two paragraphs for a phrase match", () => {
    // Paragraph 3 ends "...for the DPJ." and paragraph 4 begins "EMIN replied": the body holds
    // the phrase, no paragraph does.
    const h = hit('"dpj emin replied"');
    expect(h.paragraph).toBeNull();
    expect(h.snippet).toContain("<mark>DPJ. EMIN replied</mark>");
    // The words alone are in both paragraphs: one of them is named.
    expect([3, 4]).toContain(hit("dpj replied").paragraph);
  });

  it("keeps NEAR groups whole: the paragraph where the terms are near, only those marked", () => {
    // "Japan should advise Iceland" (paragraph 1) is two words apart; "from Japan to Iceland"
    // (paragraph 5) one.
    const h = hit("NEAR(japan iceland, 1)");
    expect(h.paragraph).toBe(5);
    expect(h.snippet).toContain("<mark>Japan</mark> to <mark>Iceland</mark>");
    expect(h.snippet).not.toContain("with <mark>Iceland</mark>");
    expect(hit("NEAR(japan iceland, 2)").paragraph).not.toBeNull();
  });

  it("matches prefixes", () => {
    const h = hit("harass* fleet");
    expect(h.paragraph).toBe(6);
    expect(h.snippet).toContain("<mark>harassment</mark>");
    expect(hit("yamash*").snippet).toContain("<mark>Yamashita</mark>");
  });

  it("ignores case and diacritics on both sides", () => {
    const h = hit("impresion pais", "09SAOPAULO487");
    expect(h.paragraph).toBe(2);
    expect(h.snippet).toContain("<mark>impresión</mark>");
    expect(h.snippet).toContain("EL <mark>PAÍS</mark>");
    // Prefix terms are found with the word rules: folded too.
    expect(hit("pai*", "09SAOPAULO487").snippet).toContain("EL <mark>PAÍS</mark>");
    const accented = hit("fukúyama");
    expect(accented.paragraph).not.toBeNull();
    expect(accented.snippet).toContain("<mark>Fukuyama</mark>");
  });

  it("gives no paragraph for a term only in the subject or the caption area", () => {
    const subject = hit("noncommital");
    expect(subject.paragraph).toBeNull();
    expect(subject.snippet).toContain("GOJ <mark>NONCOMMITAL</mark> ON");
    const fielded = hit("subject:iceland");
    expect(fielded.paragraph).toBeNull();
    expect(fielded.snippet).toContain("<mark>ICELAND</mark>");
    const caption = hit('"1.4 b"');
    expect(caption.paragraph).toBeNull();
    expect(caption.snippet).toContain("reasons <mark>1.4 b</mark> and d");
    const noParagraphs = hit("guantanamo", "08PARIS137");
    expect(noParagraphs.paragraph).toBeNull();
    expect(noParagraphs.snippet).toContain("<mark>Guantanamo</mark>");
  });

  it("leaves NOT-ed terms out of the choice", () => {
    // The cable matches through SSCS (paragraph 6 only); the NOT-ed "quota" is in paragraph 6 too,
    // inside the excerpt, and must stay unmarked.
    const h = hit("sscs OR (zuwara -quota)");
    expect(h.paragraph).toBe(6);
    expect(h.snippet).toContain("<mark>SSCS</mark>");
    expect(h.snippet).toContain("reaching its quota the");
    expect(hit("sscs -zuwara").paragraph).toBe(6);
  });

  it("keeps hostile text escaped", () => {
    const h = hit("alert", "10TRIPOLI9001");
    expect(h.paragraph).not.toBeNull();
    expect(h.snippet).toContain("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;");
    expect(h.snippet).not.toMatch(/<(?!\/?mark>)/);
    const style = hit("display", "10TRIPOLI9001");
    expect(style.paragraph).toBe(3);
    expect(style.snippet).toContain("&lt;style&gt;body{<mark>display</mark>:none}&lt;/style&gt;");
    expect(style.snippet).toContain("&amp;lt;b&amp;gt;");
  });

  it("takes FTS5 syntax in terms as plain text", () => {
    for (const q of [
      '"NEAR(japan"',
      '"iceland" OR "x"',
      '"col:x"',
      '"fleet" *',
      "C/NF",
      "1.4(d)",
    ]) {
      expect(() => search(db, q), q).not.toThrow();
    }
    expect(hit('"(SSCS),"').paragraph).toBe(6);
  });
});
