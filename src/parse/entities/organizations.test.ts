import { describe, expect, it } from "vitest";
import { nameLexicon } from "../../reference/name-lexicon.js";
import { labelUnit } from "./label.js";
import { isOrgHead, markOrgPhrases, STATE_ACRONYM_FORMS, stateAcronym } from "./organizations.js";
import { ORG_HEADS } from "./vocabulary.js";

describe("the word look-ups asked of every token", () => {
  it("every body head opens with a capital A to Z, so the precheck keeps them all", () => {
    for (const h of ORG_HEADS) expect(isOrgHead(h), h).toBe(true);
    for (const w of ["ministry", "", "Ägypten", "1st", "MINISTRY", "Minister"])
      expect(isOrgHead(w), w).toBe(ORG_HEADS.has(w));
  });

  it("every state acronym opens with M, so the precheck finds them all", () => {
    for (const a of STATE_ACRONYM_FORMS) expect(stateAcronym(a), a).toBeDefined();
    expect(stateAcronym("MFA")).toBe("Ministry of Foreign Affairs");
    for (const w of ["NATO", "mfa", "", "MoI", "M"]) expect(stateAcronym(w), w).toBeUndefined();
  });
});

describe("bodies beside offices and people", () => {
  const orgs = (text: string) =>
    markOrgPhrases(labelUnit(text, false, nameLexicon().isGivenName), null).map((o) => o.written);

  it("an office's title and portfolio are no body; a body after the office's `of` is", () => {
    expect(orgs("Minister of Petroleum Resources Rilwanu Lukman spoke.")).toEqual([]);
    expect(orgs("The Minister of Mines and Energy spoke.")).toEqual([]);
    expect(orgs("He met the CEO of Piraeus Bank.")).toEqual(["Piraeus Bank"]);
    expect(orgs("The Justice Ministry and the General Directorate of Security spoke.")).toEqual(
      expect.arrayContaining(["Justice Ministry", "General Directorate of Security"]),
    );
  });

  it("a body's name does not run into a person's name or title after it", () => {
    expect(orgs("The Chamber of Commerce Nancy Smith spoke.")).toEqual(["Chamber of Commerce"]);
    expect(orgs("Chamber of Deputies President Bogdan Olteanu spoke.")).toEqual([
      "Chamber of Deputies",
    ]);
    expect(orgs("He met Senator Renan Calheiros and Chamber of Deputies leaders.")).toEqual([
      "Chamber of Deputies",
    ]);
  });

  it("a body's officer written after it without a name is not the body's", () => {
    expect(orgs("He met the Bank of Mexico President.")).toEqual(["Bank of Mexico"]);
    expect(orgs("The Ministry of External Affairs Joint Secretary said so.")).toEqual([
      "Ministry of External Affairs",
    ]);
    expect(orgs("The University of Regensburg and Vice President spoke.")).toEqual([
      "University of Regensburg",
    ]);
    expect(orgs("The Ministry of Interior and Public Prosecutor said.")).toEqual([
      "Ministry of Interior",
    ]);
    // The title `of` names, an office's holder, a possessive and a portfolio stay the body's.
    expect(orgs("The Department for Prevention of Vice said.")).toEqual([
      "Department for Prevention of Vice",
    ]);
    expect(orgs("The Office of Public Prosecutor said.")).toEqual(["Office of Public Prosecutor"]);
    expect(orgs("The Ministry of Justice and Attorney General's Office said.")).toEqual([
      "Ministry of Justice and Attorney General's Office",
    ]);
    expect(orgs("The Ministry of Interior and Justice said.")).toEqual([
      "Ministry of Interior and Justice",
    ]);
  });

  it("a date and a sentence's opening preposition are no part of a body's name", () => {
    expect(orgs("The Ministry of Health on November 3 said so.")).toEqual(["Ministry of Health"]);
    expect(orgs("During the April NATO-Russia Council they met.")).toEqual(["NATO-Russia Council"]);
    expect(orgs("In January the U.S. Coast Guard said.")).toEqual(["U.S. Coast Guard"]);
    expect(orgs("Per the National Counterterrorism Center, it is so.")).toEqual([
      "National Counterterrorism Center",
    ]);
  });
});
