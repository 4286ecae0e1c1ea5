import { describe, expect, it } from "vitest";
import { makeDoc } from "../doc.js";
import { parseSummary } from "../summary.js";
import { dropSummaryLead, gluedParagraphOne } from "./lead.js";

describe("dropSummaryLead (issue 8, class 1)", () => {
  it.each([
    ["Summary: In a surprise move, the prosecutor", "In a surprise move, the prosecutor"],
    ["Summary. Ambassador met August 14", "Ambassador met August 14"],
    ["SUMMARY During their trip to Israel", "During their trip to Israel"],
    ["C)Summary: Lega Nord Leader Bossi", "Lega Nord Leader Bossi"],
    ["1) (U) Summary. On July 12, President Lula", "On July 12, President Lula"],
    ["1) (SBU) SUMMARY. On June 13, Assistant", "On June 13, Assistant"],
    ["1. The Embassy obtained a copy", "The Embassy obtained a copy"],
    ["SUMMARY (U) Costa Rica's June 1 recognition", "Costa Rica's June 1 recognition"],
    ["(C) 1. Ministers agreed", "Ministers agreed"],
    ["SUMMARY, COMMENT, AND ACTION REQUEST: On December 3", "On December 3"],
    ["Summary and Comment: Ministers agreed", "Ministers agreed"],
  ])("%s", (raw, expected) => {
    expect(dropSummaryLead(raw)).toBe(expected);
  });

  it("keeps text that only starts like a label", () => {
    expect(dropSummaryLead("Summary from the NAC Meeting:\n-- Afghanistan")).toBe(
      "Summary from the NAC Meeting:\n-- Afghanistan",
    );
    expect(dropSummaryLead("Summary of the talks follows.")).toBe("Summary of the talks follows.");
    expect(dropSummaryLead("12 people died in the floods.")).toBe("12 people died in the floods.");
    expect(dropSummaryLead("Summary:")).toBeNull();
  });
});

describe("a summary heading glued to the line before it (issue 8, class 2)", () => {
  it("recognises `1. (C) Summary:` after the Classified-By reasons", () => {
    const text =
      "Chris Stevens, CDA. REASON: 1.4 (b), (d) 1.  (C)  Summary: In two recent cases, officials blackmailed embassies. End summary.  2.  (C)  On June 29, the Greek DHM spoke.";
    expect(gluedParagraphOne(text, text.indexOf("Summary"))).toBe(true);
    expect(parseSummary(makeDoc(text))).toBe(
      "In two recent cases, officials blackmailed embassies.",
    );
  });

  it("does not take a summary word in the middle of a sentence", () => {
    const text = "We sent section 2. The summary: nothing new.";
    expect(gluedParagraphOne(text, text.indexOf("summary"))).toBe(false);
  });
});
