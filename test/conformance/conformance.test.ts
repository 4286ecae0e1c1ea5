import { afterAll, describe, expect, it } from "vitest";
import { type FieldReport, formatReport, REQUIRED_FIELDS, runField, vectorFields } from "./harness.js";

// The whole suite of vectors, with the per-field pass rate printed once at the end.
const reports: FieldReport[] = [];

describe("conformance vectors", () => {
  for (const field of vectorFields()) {
    it(`${field}`, async () => {
      const report = await runField(field);
      reports.push(report);
      expect(report.total).toBeGreaterThan(0);
      if (REQUIRED_FIELDS.includes(field)) {
        const failing = report.results.filter((r) => !r.pass && !r.contested).map((r) => `#${r.index} ${r.id ?? ""}`);
        expect(report.passed / report.total, `failing: ${failing.join(", ")}`).toBeGreaterThanOrEqual(0.97);
      }
    });
  }
  afterAll(() => {
    reports.sort((a, b) => a.field.localeCompare(b.field));
    process.stdout.write(`\n${formatReport(reports)}\n`);
  });
});
