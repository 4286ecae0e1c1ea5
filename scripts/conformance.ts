/**
 * Conformance report: `npm run conformance [-- --field tags] [--failures] [--json]`.
 * Prints the pass rate per field; --failures lists each failing case with expected and actual.
 */
import { parseArgs } from "node:util";
import { formatReport, runField, vectorFields } from "../test/conformance/harness.js";

const { values } = parseArgs({
  options: {
    field: { type: "string", multiple: true },
    failures: { type: "boolean" },
    json: { type: "boolean" },
  },
});
const fields = values.field ?? vectorFields();
const reports = [];
for (const f of fields) reports.push(await runField(f));
if (values.json) {
  const summary = reports.map(({ results: _r, ...rest }) => rest);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  process.stdout.write(`${formatReport(reports)}\n`);
}
if (values.failures) {
  for (const r of reports) {
    for (const res of r.results.filter((x) => !x.pass)) {
      process.stdout.write(
        `\n--- ${res.field}#${res.index} ${res.id ?? ""}${res.contested ? " (contested)" : ""}\n` +
          `input:    ${JSON.stringify(res.input)?.slice(0, 600)}\n` +
          `expected: ${JSON.stringify(res.expected)}\nactual:   ${JSON.stringify(res.actual)}\n`,
      );
    }
  }
}
