/**
 * Entity extraction against the hand-annotated cables (a script, not a test):
 * `npm run eval:entities [-- --mode rules|library|both] [--errors] [--json]`.
 *
 * Prints person, organisation and place precision/recall (over the fully annotated cables),
 * protected-person recall and precision (over every annotated cable, all the corpus's STRICTLY
 * PROTECT cables included), and extraction time per cable, per era and in total. `rules` is the
 * extractor alone, `library` the same rules with compromise's lexicon; `both` compares them.
 */
import { parseArgs } from "node:util";
import { evaluate, type Mode, type Report, type Tally } from "../test/entities/evaluate.js";
import { type Counts, precision, recall } from "../test/entities/score.js";

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "both" },
    errors: { type: "boolean" },
    json: { type: "boolean" },
  },
});
const modes: Mode[] = values.mode === "both" ? ["rules", "library"] : [values.mode as Mode];
const reports = modes.map((m) => evaluate(m));

if (values.json) {
  process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
} else {
  for (const r of reports) print(r);
}

function pr(c: Counts): string {
  return `P ${precision(c).toFixed(3)} R ${recall(c).toFixed(3)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
}

function line(name: string, t: Tally): string {
  return [
    `${name.padEnd(10)} cables ${String(t.cables).padStart(3)}`,
    `  persons       ${pr(t.persons)}`,
    `  orgs          ${pr(t.organizations)}`,
    `  places        ${pr(t.places)}`,
    `  protected     recall ${recall(t.protected).toFixed(3)} precision ${precision(t.protected).toFixed(3)} (tp ${t.protected.tp} fp ${t.protected.fp} fn ${t.protected.fn})`,
    `  extraction    ${(t.ms / Math.max(1, t.cables)).toFixed(2)} ms/cable`,
  ].join("\n");
}

function print(r: Report): void {
  process.stdout.write(`== mode: ${r.mode}\n`);
  for (const era of Object.keys(r.byEra).sort())
    process.stdout.write(`${line(era, r.byEra[era]!)}\n`);
  process.stdout.write(`${line("all", r.total)}\n`);
  if (values.errors) {
    for (const e of r.errors) {
      process.stdout.write(
        `  ${e.referenceId} ${e.kind}: missed ${JSON.stringify(e.missed)} extra ${JSON.stringify(e.extra)}\n`,
      );
    }
  }
}
