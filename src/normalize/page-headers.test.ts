import { describe, expect, it } from "vitest";
import { PAGE_MARK, removePageHeaders, takePageMarks } from "./page-headers.js";

// Snippets copied from corpus cables (file named in each case).
describe("removePageHeaders", () => {
  it("removes a header spliced into a REF block with its classification line (02ROME1196)", () => {
    const text =
      "REF: A. STATE 40721\n CONFIDENTIAL\nPAGE 02 ROME 01196 01 OF 02 082030Z  B. ROME 1098  C. ROME 894";
    expect(removePageHeaders(text)).toEqual({
      text: "REF: A. STATE 40721\nB. ROME 1098  C. ROME 894",
      count: 1,
    });
  });

  it("joins a sentence cut by a header whose classification ends the line before (02ROME1196)", () => {
    const text =
      "MEDIA HAVE NOT CONTACTED US.) WE  CONFIDENTIAL\nPAGE 04 ROME 01196 01 OF 02 082030Z EMPHASIZED THAT";
    expect(removePageHeaders(text).text).toBe("MEDIA HAVE NOT CONTACTED US.) WE\nEMPHASIZED THAT");
  });

  it("keeps a paragraph that starts on the header line (02ROME1196)", () => {
    const text =
      "PUBLIC RELEASE.)\n CONFIDENTIAL\nPAGE 03 ROME 01196 01 OF 02 082030Z 3. (SBU) AS WE HAD PREDICTED";
    expect(removePageHeaders(text).text).toBe("PUBLIC RELEASE.)\n3. (SBU) AS WE HAD PREDICTED");
  });

  it("removes centred classification and blank margin lines (00HANOI686)", () => {
    const text =
      "S MUST ALWAYS BE TO REDUCE\n                       CONFIDENTIAL\n\nPAGE 03        HANOI  00686  01 OF 07  050821Z\nPOVERTY AND HUNGER.";
    expect(removePageHeaders(text).text).toBe("S MUST ALWAYS BE TO REDUCE\nPOVERTY AND HUNGER.");
  });

  it("removes the routing-indicator form with a letter-spaced classification (07PARIS170)", () => {
    const text =
      "CLASSIFIED BY: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, REASONS\n\n\n\nPAGE 02 RUEHFRA0170 S E C R E T\n1.4 (B) AND (D).";
    expect(removePageHeaders(text).text).toBe(
      "CLASSIFIED BY: POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, REASONS\n1.4 (B) AND (D).",
    );
  });

  it("removes the distribution block of a first page, keeping an earlier SIPDIS caption (00HARARE5461)", () => {
    const text = [
      "SIPDIS",
      "",
      "                           CONFIDENTIAL     PTQ2529",
      "",
      "PAGE 01        HARARE  05461  01 OF 02  271458Z",
      "ACTION AF-00",
      "",
      "INFO  LOG-00   NP-00    ACQ-00   CIAE-00  DINT-00  DODE-00  SRPP-00",
      "      NFAT-00  SAS-00     /006W",
      "                  ------------------8A8E0D  271459Z /38",
      "FM AMEMBASSY HARARE",
    ].join("\n");
    expect(removePageHeaders(text).text).toBe("SIPDIS\nFM AMEMBASSY HARARE");
  });

  it("removes a header inside a TAGS line (02ROME1059, spec §4.4)", () => {
    const text =
      "TAGS: ECON, EFIN, EFIN, EFIN, EFIN, IT    UNCLASSIFIED    PAGE 02 ROME 01059 01 OF 04 281501Z ECON, IT";
    expect(removePageHeaders(text).text).toBe("TAGS: ECON, EFIN, EFIN, EFIN, EFIN, IT ECON, IT");
  });

  it("leaves text that mentions a page", () => {
    const text = "SEE PAGE 12 OF THE REPORT.\nPAGE 3 SHOWS THE 2009 FIGURES.";
    expect(removePageHeaders(text)).toEqual({ text, count: 0 });
  });
});

describe("removePageHeaders, repeated footers", () => {
  it("removes classification and SIPDIS pairs before the header (signers vector, SOFIA 03382)", () => {
    const text =
      "DURING A PREVIOUS TOUR OF DUTY IN\nCONFIDENTIAL\n\nSIPDIS\n\nCONFIDENTIAL\n\nSIPDIS\n\nPAGE 03        SOFIA  03382  111320Z\n\nIRAN, HE WAS SENT";
    expect(removePageHeaders(text).text).toBe(
      "DURING A PREVIOUS TOUR OF DUTY IN\nIRAN, HE WAS SENT",
    );
  });
});

describe("removePageHeaders, inside the subject", () => {
  it("joins a subject cut by a header (00HARARE6677)", () => {
    const text =
      "SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE\n CONFIDENTIAL\nPAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER\nREFTEL: HARARE 6584";
    expect(removePageHeaders(text).text).toBe(
      "SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE\nOPPOSITION LEADER\nREFTEL: HARARE 6584",
    );
  });
});

describe("removePageHeaders, marking a cut inside a line", () => {
  it("puts the given separator where a header ran into the line, and the mark comes out with its offset (03VATICAN283)", () => {
    const text =
      "TAGS: PREL, TBIO, UNCLASSIFIED    PAGE 02        VATICA  00283  01 OF 05  241033Z VTPREL, VT\nSUBJECT: X";
    const marked = removePageHeaders(text, ` ${PAGE_MARK}`);
    expect(marked).toEqual({
      text: `TAGS: PREL, TBIO, ${PAGE_MARK}VTPREL, VT\nSUBJECT: X`,
      count: 1,
    });
    expect(takePageMarks(marked.text)).toEqual({
      text: "TAGS: PREL, TBIO, VTPREL, VT\nSUBJECT: X",
      offsets: [18],
    });
  });

  it("marks nothing where the header stood between lines (02ROME1196)", () => {
    const text =
      "REF: A. STATE 40721\n CONFIDENTIAL\nPAGE 02 ROME 01196 01 OF 02 082030Z  B. ROME 1098";
    expect(removePageHeaders(text, ` ${PAGE_MARK}`).text).toBe("REF: A. STATE 40721\nB. ROME 1098");
  });
});
