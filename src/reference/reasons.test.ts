import { describe, expect, it } from "vitest";
import { reasonInfo } from "./reasons.js";

describe("reasonInfo", () => {
  it("explains the E.O. 12958 (as amended) / 13526 codes of section 1.4", () => {
    expect(reasonInfo("1.4(b)")).toMatchObject({
      code: "1.4(b)",
      category: "foreign government information",
    });
    expect(reasonInfo("1.4(d)")?.category).toMatch(
      /^foreign relations or foreign activities of the United States/,
    );
    expect(reasonInfo("1.4(h)")?.category).toMatch(/weapons of mass destruction/);
  });

  it("explains the original E.O. 12958 codes of section 1.5 and E.O. 12356 codes", () => {
    expect(reasonInfo("1.5(d)")).toMatchObject({
      code: "1.5(d)",
      order: "E.O. 12958 original",
      confidence: "medium",
    });
    expect(reasonInfo("1.3(a)(5)")).toMatchObject({ order: "E.O. 12356" });
  });

  it("accepts codes as written in cables", () => {
    for (const written of ["1.4 (B)", "1.4b", "1.4 b", "1. 4 (b)"])
      expect(reasonInfo(written)?.code).toBe("1.4(b)");
    expect(reasonInfo("1.5.D")?.code).toBe("1.5(d)");
    expect(reasonInfo("1.3 (a) 10")?.code).toBe("1.3(a)(10)");
  });

  it("is null for codes the orders do not have", () => {
    for (const bad of ["1.4(i)", "1.5(h)", "1.6", "1.3(b)(5)", "12958", ""])
      expect(reasonInfo(bad)).toBeNull();
  });
});
