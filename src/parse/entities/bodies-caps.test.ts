import { describe, expect, it } from "vitest";
import { nameLexicon } from "../../reference/name-lexicon.js";
import { capsBodies } from "./bodies-caps.js";
import { labelUnit } from "./label.js";

const found = (text: string) =>
  capsBodies(labelUnit(text, true), nameLexicon().isCommonWord).map((b) => b.written);

describe("body phrases in all-caps telegrams", () => {
  it("reads a head word with its place, qualifier or OF complement", () => {
    expect(found("TEHRAN UNIVERSITY STUDENTS MARCHED TO THE UNIVERSITY OF MESHED.")).toEqual([
      "Tehran University",
      "University of Meshed",
    ]);
    expect(found("THEY CALLED NATIONAL POLICE ONTO CAMPUS.")).toEqual(["National Police"]);
    expect(found("THE MINISTRY OF INFORMATION ANNOUNCED ARRESTS.")).toEqual([
      "Ministry of Information",
    ]);
  });

  it("leaves a head word alone, or after words of the language, unread", () => {
    expect(found("THE UNIVERSITY WAS QUIET; A CONSTRUCTION COMPANY EMPLOYEE WAS HELD.")).toEqual(
      [],
    );
  });

  it("reads nothing in mixed-case text", () => {
    expect(capsBodies(labelUnit("Tehran University students", false), () => false)).toEqual([]);
  });
});
