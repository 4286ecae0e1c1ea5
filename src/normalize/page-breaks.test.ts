import { describe, expect, it } from "vitest";
import { removePageBreaks } from "./page-breaks.js";

// Snippets copied from corpus cables (file named in each case).
describe("removePageBreaks", () => {
  it("removes a page-break line between blank lines, keeping one blank line (06SAOPAULO280)", () => {
    const text =
      "although they didn't agree with everything, they indicated they\n\nSAO PAULO 00000280 003 OF 005\n\nwould work for Lula in the campaign";
    expect(removePageBreaks(text)).toEqual({
      text: "although they didn't agree with everything, they indicated they\n\nwould work for Lula in the campaign",
      count: 1,
    });
  });

  it("removes a page-break on its own line inside a hard-wrapped paragraph (07ACCRA2590)", () => {
    const text =
      "on after only six months on the job and seems to\nACCRA 00002590 002.2 OF 003\nfocus more on prevention than investigation";
    expect(removePageBreaks(text).text).toBe(
      "on after only six months on the job and seems to\nfocus more on prevention than investigation",
    );
  });

  it("removes a page-break inside unwrapped SMART text (08TRIPOLI220)", () => {
    const text = "The family had no objection to a TRIPOLI 00000220 002 OF 003 visit by Emboffs";
    expect(removePageBreaks(text).text).toBe("The family had no objection to a visit by Emboffs");
  });

  it("finds where the post starts after a subject in capitals (09TRIPOLI961)", () => {
    const text =
      "SUBJECT: LIBYAN CHANGE OF EID AL ADHA HOLIDAY PROMPTS RARE PUBLIC GRUMBLING TRIPOLI 00000961 001.2 OF 002\n\nCLASSIFIED BY: Gene A. Cretz";
    expect(removePageBreaks(text).text).toBe(
      "SUBJECT: LIBYAN CHANGE OF EID AL ADHA HOLIDAY PROMPTS RARE PUBLIC GRUMBLING\n\nCLASSIFIED BY: Gene A. Cretz",
    );
  });

  it("removes the form split after the serial, inside a REF block (08TRIPOLI402)", () => {
    const text =
      "REF: A) TRIPOLI 199, B) TRIPOLI 227   TRIPOLI 00000402\n\n001.2 OF 003\n\nCLASSIFIED BY: Chris Stevens";
    expect(removePageBreaks(text).text).toBe(
      "REF: A) TRIPOLI 199, B) TRIPOLI 227\n\nCLASSIFIED BY: Chris Stevens",
    );
  });

  it("removes the form split after the post (06SAOPAULO428)", () => {
    const text =
      "----------------- PARTY ALIGNMENTS SAO PAULO\n\n00000428 003 OF 003\n\n-----------------";
    expect(removePageBreaks(text).text).toBe(
      "----------------- PARTY ALIGNMENTS\n\n-----------------",
    );
  });

  it("reads posts cut to ten characters and posts glued to the word before", () => {
    expect(removePageBreaks("the\nPORT AU PR 00002230 001.2 OF 002\nnext").text).toBe("the\nnext");
    expect(
      removePageBreaks("Classified Website: XXXXXXXXXXXXLONDON 00002770  003 OF 003\n").text,
    ).toBe("Classified Website: XXXXXXXXXXXX");
    expect(removePageBreaks("C. CAIRO 507CAIRO 00000524 001.2 OF 002\nnext").text).toBe(
      "C. CAIRO 507\nnext",
    );
  });

  it("leaves numbers that only resemble the shape", () => {
    const text =
      "SECTION 01 OF 03 TRIPOLI 000220\nserial 123456789 002 OF 003 and 1234567 002 OF 003";
    expect(removePageBreaks(text)).toEqual({ text, count: 0 });
  });
});
