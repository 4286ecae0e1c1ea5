import { describe, expect, it } from "vitest";
import { isDegraded, supersedes } from "./current-version.js";

const sound = (released: string | null) => ({ released, degraded: false });
const degraded = (released: string | null) => ({ released, degraded: true });

describe("supersedes", () => {
  it("lets the later release win, and the later arrival on equal dates", () => {
    expect(supersedes(sound("2011-08-30T00:00:00Z"), sound("2010-11-28T16:04:00Z"))).toBe(true);
    expect(supersedes(sound("2010-11-28T16:04:00Z"), sound("2011-08-30T00:00:00Z"))).toBe(false);
    expect(supersedes(sound("2010-11-28T16:04:00Z"), sound("2010-11-28T16:04:00Z"))).toBe(true);
    expect(supersedes(sound(null), sound(null))).toBe(true);
  });

  it("prefers a known release date to an unknown one", () => {
    expect(supersedes(sound("2010-11-28T16:04:00Z"), sound(null))).toBe(true);
    expect(supersedes(sound(null), sound("2010-11-28T16:04:00Z"))).toBe(false);
  });

  it("never lets a degraded copy displace a sound one, whatever the dates", () => {
    expect(supersedes(degraded("2011-08-30T00:00:00Z"), sound(null))).toBe(false);
    expect(supersedes(sound(null), degraded("2011-08-30T00:00:00Z"))).toBe(true);
    expect(supersedes(degraded(null), degraded(null))).toBe(true);
  });
});

describe("isDegraded", () => {
  it("marks scraped copies and records whose source id had to be repaired", () => {
    expect(isDegraded("scraped", null, "05ALMATY2121")).toBe(true);
    expect(isDegraded("mirror", "08ECTION01OF02MANAMA492", "08MANAMA492")).toBe(true);
    expect(isDegraded("html", "08MANAMA492", "08MANAMA492")).toBe(false);
    expect(isDegraded("csv", "05almaty002121", "05ALMATY2121")).toBe(false);
    expect(isDegraded("raw", null, "05ALMATY2121")).toBe(false);
  });
});
