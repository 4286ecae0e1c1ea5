import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Reference } from "../../src/model/cable.js";
import { canonicalId, splitId } from "../../src/model/reference-id.js";
import { makeDoc } from "../../src/parse/doc.js";
import { parseReferences } from "../../src/parse/references.js";

/**
 * Corpus sweep of the REF parser over the 6,755 cables of ../shared/corpus/cables. Text-mirror files
 * have five metadata lines (id, subject, created, classification, origin), then header and body;
 * the parser gets everything after them, with the year of the created date (of the id for the few
 * files without metadata lines) and the cable's own id.
 *
 * "Has a REF line", counted independently of the parser: before paragraph 1, a line opens with
 * `REF`/`REFS`/`Ref(s)`/`REFTEL` (after an optional enumerator) and a colon or full stop, followed by
 * something other than `NONE`, `N/A` or a cut-off (`...`).
 */

const ROOT = new URL("../../", import.meta.url);
const CORPUS = new URL("../shared/corpus/cables/", ROOT);
const present = existsSync(CORPUS);
if (!present) {
  console.warn(`references corpus sweep skipped: ${CORPUS.pathname} is absent (needs ../shared)`);
}

const PARA_ONE = /(?:^|\n)[ \t]*¶?[ \t]*1[ \t]*\.[ \t]*(?=\(|[A-Za-z])/;
const REF_LINE =
  /(?:^|\n)[ \t¶]*(?:[A-Z][.)][ \t]*)?(?:REF|Ref)(?:S|s|TELS?|tels?|\(S\)|\(s\))?[ \t]*[:.][ \t]*([^\n]*)/;
const EMPTY_REF = /^(?:none|n\/a|[a-z(]{0,3}\.{2,}|[ \t]*)[ \t]*$/i;

interface Swept {
  id: string;
  year: number | null;
  refLine: string | null;
  refs: Reference[];
}

function sweep(): Swept[] {
  const out: Swept[] = [];
  for (const file of readdirSync(CORPUS).sort()) {
    if (!file.endsWith(".txt")) continue;
    const raw = readFileSync(new URL(file, CORPUS), "utf8");
    let bodyAt = 0;
    for (let n = 0; n < 5 && bodyAt >= 0; n++) bodyAt = raw.indexOf("\n", bodyAt) + 1 || -1;
    const id = canonicalId(file.replace(/\.txt$/, "")) ?? file;
    const lineThree = raw.slice(raw.indexOf("\n", raw.indexOf("\n") + 1) + 1);
    const created = /^(\d{4})-\d\d-\d\d/.exec(lineThree);
    const body = created && bodyAt > 0 ? raw.slice(bodyAt) : raw;
    const year = created ? Number(created[1]) : (splitId(id)?.year ?? null);
    const para = PARA_ONE.exec(body);
    const caption = body.slice(0, para ? para.index : 6000);
    const ref = REF_LINE.exec(caption);
    const refLine = ref && !EMPTY_REF.test(ref[1]!) ? ref[0].trim() : null;
    out.push({
      id,
      year,
      refLine,
      refs: parseReferences(makeDoc(body, { year, referenceId: id })),
    });
  }
  return out;
}

describe.skipIf(!present)("REF parser over the corpus (../shared/corpus/cables)", () => {
  const cpu = process.cpuUsage();
  const swept = present ? sweep() : [];
  const used = process.cpuUsage(cpu);
  // CPU time, not wall time: the machine is shared, and the sweep must not be what is slow.
  const ms = (used.user + used.system) / 1000;

  it("reads every cable without a crash, quickly", () => {
    expect(swept.length).toBeGreaterThan(6000);
    // The whole sweep, file reading included.
    expect(ms).toBeLessThan(10_000);
  });

  it("lists at least one reference for ≥ 99 % of cables with a REF line", () => {
    const withLine = swept.filter((s) => s.refLine !== null);
    const silent = withLine.filter((s) => s.refs.length === 0);
    const kinds = new Map<string, number>();
    for (const s of swept) for (const r of s.refs) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    console.log(
      [
        `references: ${swept.length} cables in ${Math.round(ms)} ms of CPU, ${withLine.length} with a REF line, ${silent.length} of them yield none`,
        `by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`,
        ...silent.slice(0, 12).map((s) => `  no reference: ${s.id}: ${s.refLine?.slice(0, 90)}`),
      ].join("\n"),
    );
    expect(withLine.length).toBeGreaterThan(3500);
    expect(silent.length / withLine.length).toBeLessThan(0.01);
  });

  it("gives every cable reference a canonical id with its year when the year is known", () => {
    const cables = swept.flatMap((s) =>
      s.year === null ? [] : s.refs.filter((r) => r.kind === "cable"),
    );
    expect(cables.length).toBeGreaterThan(8000);
    // A serial written alone whose station the cable never names stays without an id (issue 8:
    // a station is never invented; `REF: A. (A) 44297` in 08SANJOSE337 is the Department's).
    const bare = /^#?\s*\d{3,7}(?:\s*(?:\(NOTAL\)|AND PREVIOUS))?$/i;
    const bad = cables.filter(
      (r) =>
        !(r.referenceId === null && bare.test(r.text)) &&
        (!r.referenceId || canonicalId(r.referenceId) !== r.referenceId),
    );
    expect(bad).toEqual([]);
  });

  it("never cites the cable itself and keeps labels and texts tidy", () => {
    const bad = swept.flatMap((s) =>
      s.refs
        .filter(
          (r) =>
            r.referenceId === s.id ||
            !(r.label === null || /^[A-Z]$/.test(r.label)) ||
            r.text !== r.text.trim() ||
            r.text === "" ||
            /PROTECT ACCORDINGLY|Classified By/i.test(r.text),
        )
        .map((r) => `${s.id}: ${JSON.stringify(r)}`),
    );
    expect(bad).toEqual([]);
  });
});
