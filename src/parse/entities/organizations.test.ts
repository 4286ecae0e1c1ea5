import { describe, expect, it } from "vitest";
import { isOrgHead, STATE_ACRONYM_FORMS, stateAcronym } from "./organizations.js";
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
