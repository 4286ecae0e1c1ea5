import { describe, expect, it } from "vitest";
import { tagInfo } from "./tags.js";

describe("tagInfo", () => {
  it("classifies by cablemap's rule order (tag_kind vectors)", () => {
    expect(tagInfo("KIPR").kind).toBe("program");
    expect(tagInfo("kwww").kind).toBe("program");
    expect(tagInfo("OBAMA, BARACK").kind).toBe("person");
    expect(tagInfo("GE").kind).toBe("geo");
    expect(tagInfo("PHUM").kind).toBe("subject");
    expect(tagInfo("NATO").kind).toBe("org");
    expect(tagInfo("THIS IS UNKNOWN").kind).toBe("unknown");
    expect(tagInfo("THIS IS UNKNOWN", { defaultKind: "subject" }).kind).toBe("subject");
  });

  it("gives meanings from the TAGS tables, official wording first", () => {
    expect(tagInfo("PGOV")).toEqual({
      kind: "subject",
      meaning: "Internal Governmental Affairs",
      category: "Political Affairs",
    });
    expect(tagInfo("PREL").meaning).toBe("Political Affairs--External Political Relations");
    expect(tagInfo("KZ")).toEqual({ kind: "geo", meaning: "Kazakhstan", category: null });
    expect(tagInfo("SZ").meaning).toBe("Switzerland");
    expect(tagInfo("KMDR").meaning).toBe("Media Reaction Reporting");
    expect(tagInfo("XF")).toEqual({ kind: "geo", meaning: null, category: null });
    expect(tagInfo("UNESCO")).toEqual({ kind: "org", meaning: null, category: null });
  });
});
