import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDoc } from "./doc.js";
import { findEnding } from "./signers/ending.js";
import { parseSigners } from "./signers.js";

const signers = (text: string) => parseSigners(makeDoc(text));

interface Vector {
  id: string | null;
  input: string;
  expected: string[];
}
const vectors: Vector[] = JSON.parse(
  readFileSync(new URL("../../test/fixtures/conformance/signers.json", import.meta.url), "utf8"),
).cases;

describe("parseSigners on the conformance vectors", () => {
  it.each(vectors.map((v, i) => [v.id ?? `#${i}`, v] as const))("%s", (_id, v) => {
    expect(signers(v.input)).toEqual(v.expected);
  });
});

describe("parseSigners on real cable endings", () => {
  it("reads a name glued after the last sentence, before a SMART trailer (08TRIPOLI220)", () => {
    const text =
      '11.(C) Comment: An important component of any agreement for his release will be specific agreement on the terms of his continued medical treatment. End comment. STEVENS 0 03/13/2008 9871 PGOV,PREL,PHUM,PINR,LY DETAINED HUMAN RIGHTS ACTIVIST FATHI EL-JAHMI "RELEASED" Reports by the Qadhafi Development Foundation (QDF) that detained human rights activist Fathi el-Jahmi was "released" to the custody of his family appear to be premature.';
    expect(signers(text)).toEqual(["STEVENS"]);
    const { contentEnd } = findEnding(text);
    expect(text.slice(0, contentEnd).trimEnd()).toMatch(/End comment\.$/);
  });

  it("reads a glued name after redactions (10STATE284)", () => {
    expect(
      signers(
        "6.Request feedback by January 8.PM Bureau Point of contact is Tom Mancinelli, xxxxxxxxxxxx or xxxxxxxxxxxx. CLINTON",
      ),
    ).toEqual(["CLINTON"]);
  });

  it("reads a name after a page footer (08LONDON1163)", () => {
    expect(
      signers(
        "that we supported the French position.  Visit London's Classified Website: XXXXXXXXXXXX TUTTLE\n",
      ),
    ).toEqual(["TUTTLE"]);
  });

  it("counts a name repeated by the copy once, in any case (09BEIJING3128, 10BRASILIA108)", () => {
    expect(signers("and a Xiamen official. \nHUNTSMAN \nHUNTSMAN\n")).toEqual(["HUNTSMAN"]);
    expect(signers("the Dilma campaign. END COMMENT. \nSHANNON Shannon\n")).toEqual(["SHANNON"]);
    expect(signers('threats, wherever they may come from."\nCLINTON UNQUOTE CLINTON\n')).toEqual([
      "CLINTON",
    ]);
  });

  it("reads two signers stacked on their own lines (07SAOPAULO601)", () => {
    const text =
      "¶14. (U) This cable was coordinated with Embassy Brasilia. \n\nHELLING \n\nMCMULLEN\n";
    expect(signers(text)).toEqual(["HELLING", "MCMULLEN"]);
  });

  it("keeps names as written (06REYKJAVIK107, 05SAOPAULO1110, 05TELAVIV45)", () => {
    expect(signers("welcome burden sharing. \n \nVAN VOORST \nvan Voorst")).toEqual(["VAN VOORST"]);
    expect(signers("Brasilia.\n\nMcMullen\n")).toEqual(["McMullen"]);
    expect(signers("Classified SIPRNET website.\n************\nkurtzer\n")).toEqual(["kurtzer"]);
  });

  it("skips web-copy trailers: CSV quotes, a cut Classified By line, a glued date", () => {
    expect(
      signers('"Montevideo and Santiago contributed to this cable. ,,,,"\n"CASON ,,,,"\n'),
    ).toEqual(["CASON"]);
    expect(
      signers(
        "current environment. \n\nMARTINEZ \n\n\n=======================CABLE ENDS============================\nClassified By: CDA Milton K. Drucker \nRea...\n",
      ),
    ).toEqual(["MARTINEZ"]);
    expect(signers("will not get better in the period ahead. BURNS\t2006-03-31\n")).toEqual([
      "BURNS",
    ]);
    expect(signers("Rice \nNnnn \nEnd Cable Text\n")).toEqual(["Rice"]);
  });

  it("does not take the end of a wrapped sentence for a signature (06BRIDGETOWN2164)", () => {
    const text = "¶3. PLEASE CABLE CONCURRENCE. BRIDGETOWN APPRECIATES TRINIDAD'S \nASSISTANCE.\n";
    expect(signers(text)).toEqual([]);
    expect(findEnding(text).contentEnd).toBe(text.indexOf("ASSISTANCE.") + "ASSISTANCE.".length);
  });

  it("does not take a redaction, an end marker or a cut word for a signature", () => {
    expect(
      signers("adds a new layer of complexity and uncertainty. END COMMENT. \nXXXXXXXXXX\n"),
    ).toEqual([]);
    expect(signers("the bud. END COMMENT\n")).toEqual([]);
    expect(
      signers(
        "The comptroller \ngeneral's office (which reports directly to the Legislative \nAssembl\n",
      ),
    ).toEqual([]);
  });

  it("returns nothing, without error, for empty or odd input", () => {
    expect(signers("")).toEqual([]);
    expect(signers("\n\n   \n")).toEqual([]);
    expect(signers("NNNN")).toEqual([]);
    expect(signers(" ".repeat(5000))).toEqual([]);
  });
});

describe("parseSigners: signatures glued to footers and text (issue 8, class 7)", () => {
  it("reads the name before a footer or end marker on its line", () => {
    expect(
      signers(
        "10. (U) Action request: comments welcome.\n\nVisit Rome's Classified Website: http://www.state.sgov.gov/p/eur/rome/index.cf m\nHALL 2004ROME02926 - Classification: CONFIDENTIAL \"",
      ),
    ).toEqual(["HALL"]);
    expect(
      signers(
        "6. (U) Assistant Secretary Welch has not cleared this message. SCOBEY End Cable Text",
      ),
    ).toEqual(["SCOBEY"]);
    expect(signers("5. (C) Comment: more to come.\n\nNORLAND \\v")).toEqual(["NORLAND"]);
  });

  it("reads a name in capitals glued after text without a full stop, once in the text", () => {
    expect(
      signers("8. (U) Participants: Cabinet Advisor for Iranian Affairs Ahmed Megahed SCOBEY"),
    ).toEqual(["SCOBEY"]);
    expect(signers("To: U.S. Embassy - Tripoli Date: February 14, 2010 POLASCHIK")).toEqual([
      "POLASCHIK",
    ]);
    // An acronym the text uses again is no signature.
    expect(signers("NATO allies met. They agreed to brief the NATO")).toEqual([]);
  });

  it("reads a capitalised name after a closing bracket, a suffix typed in lower case, a dot glued before", () => {
    expect(signers("7. (U) Doses will arrive by May. (Yom 7, 8/ 5/2009) Scobey")).toEqual([
      "Scobey",
    ]);
    expect(
      signers("in responding to the questions posed in the German nonpaper.\nTimken jr"),
    ).toEqual(["Timken jr"]);
    expect(signers("a much-needed radical restructuring. .FARRAR")).toEqual(["FARRAR"]);
  });
});

describe("signature lines beyond the signer bound", () => {
  it("warns when more upper-case name lines stand above the last three read", () => {
    const doc = makeDoc("1. (U) Text ends here.\n\nSMITH\n\nJONES\n\nBROWN\n\nGREEN\n");
    expect(parseSigners(doc)).toHaveLength(3);
    expect(
      doc.warnings.some((w) => w.includes('name line above them ("SMITH") stays in the text')),
    ).toBe(true);
    const two = makeDoc("1. (U) Text ends here.\n\nSMITH\n\nJONES\n");
    parseSigners(two);
    expect(two.warnings).toEqual([]);
  });
});

describe("parseSigners: one capitalised word alone on the last line (issue 8, class 7)", () => {
  const wrapped = [
    "and are more skeptical of the Cuban leadership in general,",
    "and of Spain's capacity to change their behavior. In any",
    "case,the fact that this visit does not have unanimous GOS",
    "support virtually guarantees that internal differences on",
  ].join("\n");

  it("is the signer when the paragraph above ended short of the wrap width", () => {
    expect(
      signers(`${wrapped}\nthis policy will be aired in the Spanish media\nAguirre\n`),
    ).toEqual(["Aguirre"]);
  });

  it("is the wrapped end of the text when it would not have fitted on the line above", () => {
    expect(
      signers(`${wrapped}\nthis policy will be aired in the Spanish media by the\nGovernment\n`),
    ).toEqual([]);
    // A copy cut off mid-word: the prefix fits, the word with its last letter and stop would not.
    expect(
      signers(`${wrapped}\ngeneral's office (which reports to the Legislative\nAssembl`),
    ).toEqual([]);
    // With its full stop it finishes the sentence above, whatever the width.
    expect(signers(`${wrapped}\nthe cable was cleared by\nStephens.\n`)).toEqual([]);
    // Under a row of figures it is the cut end of a table, not a signature.
    expect(signers(`${wrapped}\nTourism             53.5\nCommercial\n`)).toEqual([]);
  });

  it("is the signer under a page footer glued to the last paragraph", () => {
    expect(
      signers(
        "8. (S/NF) HMG wants to be in synch with the U.S. and 10 Downing Street.   Visit London's Classified Website: XXXXXXXXXXXX e\nSusman",
      ),
    ).toEqual(["Susman"]);
  });

  it("is the signer set off by a blank line under a finished paragraph, LIST included", () => {
    expect(signers("8. Racial discrimination exists.  Many Brazilians say so.\n\nLIST\n")).toEqual([
      "LIST",
    ]);
    // Closing words and titles are never signers.
    for (const word of ["END", "NNNN", "SIPDIS", "AMBASSADOR", "Regards"]) {
      expect(signers(`8. Text ends here.\n\n${word}\n`)).toEqual([]);
    }
  });
});
