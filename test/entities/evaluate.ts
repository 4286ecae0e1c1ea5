import { readFileSync } from "node:fs";
import { readBytes } from "../../src/formats/index.js";
import { makeDoc } from "../../src/parse/doc.js";
import { extractEntities } from "../../src/parse/entities/index.js";
import { parseRecord } from "../../src/parse/index.js";
import { nameLexicon } from "../../src/reference/name-lexicon.js";
import {
  add,
  type Counts,
  compare,
  compareProtected,
  type Extracted,
  eraOf,
  type GoldCable,
  readAnnotations,
  zero,
} from "./score.js";

/**
 * Runs extraction over the annotated cables (texts copied into test/fixtures/entities/cables, so
 * nothing outside the repository is read) and scores it per era. `rules` is the extractor alone;
 * `library` adds compromise's lexicon (given names, common words) to the same rules.
 */

export type Mode = "rules" | "library";

export interface Tally {
  cables: number;
  persons: Counts;
  organizations: Counts;
  places: Counts;
  protected: Counts;
  /** Milliseconds spent in extraction alone (parse excluded). */
  ms: number;
}

export interface Report {
  mode: Mode;
  byEra: Record<string, Tally>;
  total: Tally;
  errors: { referenceId: string; kind: string; missed: string[]; extra: string[] }[];
}

const FIXTURES = new URL("../fixtures/entities/", import.meta.url);

export function goldSet(): GoldCable[] {
  return readAnnotations(new URL("annotations.txt", FIXTURES).pathname);
}

export function extractFor(referenceId: string, mode: Mode): { got: Extracted; ms: number } {
  const path = new URL(`cables/${referenceId}.txt`, FIXTURES).pathname;
  const items = readBytes(readFileSync(path), path);
  const rec = items.find((i) => i.kind === "record");
  if (rec?.kind !== "record") throw new Error(`${referenceId}: no cable read`);
  const cable = parseRecord(rec);
  const started = performance.now();
  const got = extractEntities(cable, makeDoc(cable.body), {
    lexicon: mode === "library" ? nameLexicon() : null,
  });
  return { got, ms: performance.now() - started };
}

const tally = (): Tally => ({
  cables: 0,
  persons: zero(),
  organizations: zero(),
  places: zero(),
  protected: zero(),
  ms: 0,
});

/** `evaluate`, giving the event loop a turn between cables (a test worker must answer its runner). */
export async function evaluateAsync(mode: Mode): Promise<Report> {
  return evaluate(mode, () => new Promise((resolve) => setImmediate(resolve)));
}

export function evaluate(mode: Mode): Report;
export function evaluate(mode: Mode, pause: () => Promise<void>): Promise<Report>;
export function evaluate(mode: Mode, pause?: () => Promise<void>): Report | Promise<Report> {
  if (!pause) return run(mode, null) as Report;
  return (async () => {
    const report = emptyReport(mode);
    for (const g of goldSet()) {
      await pause();
      score(report, g, mode);
    }
    return report;
  })();
}

function emptyReport(mode: Mode): Report {
  return { mode, byEra: {}, total: tally(), errors: [] };
}

function run(mode: Mode, _unused: null): Report {
  const report = emptyReport(mode);
  for (const g of goldSet()) score(report, g, mode);
  return report;
}

let warm = false;

function score(report: Report, g: GoldCable, mode: Mode): void {
  // The first cable pays for loading tables and compiling: a warm-up run, not counted.
  if (!warm) {
    extractFor(g.referenceId, mode);
    warm = true;
  }
  const { got, ms } = extractFor(g.referenceId, mode);
  const era = eraOf(g.referenceId);
  report.byEra[era] ??= tally();
  for (const t of [report.byEra[era]!, report.total]) {
    t.cables++;
    t.ms += ms;
  }
  const prot = compareProtected(g, got);
  for (const t of [report.byEra[era]!, report.total]) add(t.protected, prot.counts);
  if (prot.missed.length || prot.extra.length)
    report.errors.push({
      referenceId: g.referenceId,
      kind: "protected",
      missed: prot.missed,
      extra: prot.extra,
    });
  if (g.scope !== "full") return;
  for (const kind of ["persons", "organizations", "places"] as const) {
    const r = compare(g[kind], got[kind], kind === "persons");
    for (const t of [report.byEra[era]!, report.total]) add(t[kind], r.counts);
    if (r.missed.length || r.extra.length)
      report.errors.push({ referenceId: g.referenceId, kind, missed: r.missed, extra: r.extra });
  }
}
