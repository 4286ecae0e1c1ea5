import { describe, expect, it } from "vitest";
import type { Cable, Person } from "../model/cable.js";
import {
  coveredBy,
  inheritProtection,
  protectedFormsOf,
  protectedWords,
} from "./protection-inherit.js";

const person = (name: string, variants: string[] = [], prot = false): Person => ({
  name,
  variants,
  roles: [],
  paragraphs: [2],
  usOfficial: false,
  protected: prot,
});

const cable = (persons: Person[]) => ({ persons }) as unknown as Cable;

describe("protection across versions", () => {
  const forms = protectedFormsOf(
    cable([person("Ibrahim el-Meyet", ["el-Meyet"], true), person("Shukri Ghanem", ["Ghanem"])]),
  );

  it("takes every form of the protected persons only", () => {
    expect(forms).toEqual(["Ibrahim el-Meyet", "el-Meyet"]);
  });

  it("covers a person when a form of theirs is wholly protected words, case and accents aside", () => {
    const words = protectedWords(forms);
    expect(coveredBy(words, person("IBRAHIM EL-MEYET"))).toBe(true);
    expect(coveredBy(words, person("Meyet"))).toBe(true);
    expect(coveredBy(words, person("Ibrahim el-Méyet"))).toBe(true);
    expect(coveredBy(words, person("Dr. X", ["El-Meyet"]))).toBe(true);
    // A namesake sharing one word is another person.
    expect(coveredBy(words, person("Ibrahim Dbeibah"))).toBe(false);
    expect(coveredBy(words, person("Shukri Ghanem", ["Ghanem"]))).toBe(false);
    expect(coveredBy(new Set(), person("Meyet"))).toBe(false);
  });

  it("marks the covered persons of another version, leaving the others and the old objects be", () => {
    const before = [person("El-Meyet"), person("Shukri Ghanem", ["Ghanem"])];
    const c = cable(before);
    expect(inheritProtection(c, forms)).toBe(true);
    expect(c.persons.map((p) => p.protected)).toEqual([true, false]);
    expect(before[0]!.protected).toBe(false);
    expect(inheritProtection(c, forms)).toBe(false);
    expect(inheritProtection(cable([person("Shukri Ghanem")]), forms)).toBe(false);
    expect(inheritProtection(cable([person("El-Meyet")]), [])).toBe(false);
  });
});
