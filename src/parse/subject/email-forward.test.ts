import { describe, expect, it } from "vitest";
import { parseText } from "../index.js";
import { forwardedSubject } from "./email-forward.js";

const FORWARD = [
  "From: CBPC, EACTAPP",
  "Sent: Wednesday, January 28, 2009 12:33 PM",
  "To: EACTTripoli",
  "Subject: TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? AMERICAN",
  "CONSTRUCTION FIRM ENTERS JOINT VENTURE WITH GOL [8466936]",
  "",
  "CONFIDENTIAL",
].join("\n");

describe("forwardedSubject (issue 8, class 5)", () => {
  it("takes the subject from the e-mail's Subject: line, without the telegram's identification", () => {
    expect(forwardedSubject(FORWARD)).toBe(
      "RISKY BUSINESS? AMERICAN CONSTRUCTION FIRM ENTERS JOINT VENTURE WITH GOL",
    );
  });

  it("reads nothing from an e-mail whose subject is not a forwarded telegram", () => {
    expect(forwardedSubject("Sent: Monday\nTo: X\nSubject: lunch on Friday\n\nText")).toBeNull();
    expect(forwardedSubject("SUBJECT: TRIPOLI 00000063 P CO 28-JAN-09 X")).toBeNull();
  });

  it("gives the cable its subject when the body has no SUBJECT line", () => {
    const body = `${FORWARD}\nTRIPOLI 000063\n\nE.O. 12958: DECL: 1/25/2019\nTAGS: PREL LY\n\n1. (C) Text.`;
    expect(parseText(body).subject).toBe(
      "RISKY BUSINESS? AMERICAN CONSTRUCTION FIRM ENTERS JOINT VENTURE WITH GOL",
    );
  });
});
