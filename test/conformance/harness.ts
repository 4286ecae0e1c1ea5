import { readdirSync, readFileSync } from "node:fs";
import { readSource } from "../../src/formats/index.js";
import type { Cable, Recipient } from "../../src/model/cable.js";
import { canonicalId } from "../../src/model/reference-id.js";
import { parseRecord, parseText } from "../../src/parse/index.js";

/**
 * Runs the conformance vectors (derived from cablemap's tests, see the folder's README) through the
 * public entry points — parseText for `parse --batch`, canonicalId for `id --batch`, parseRecord for
 * HTML files — and compares one field per file the way the README prescribes.
 */
export const VECTOR_DIR = new URL("../fixtures/conformance/", import.meta.url);

export interface Case {
  id: string | null;
  input: string | null;
  year: number | null;
  reference_id: string | null;
  expected: unknown;
  options?: Record<string, unknown>;
  contested?: boolean;
  input_file?: string;
}

export interface CaseResult {
  field: string;
  index: number;
  id: string | null;
  contested: boolean;
  pass: boolean;
  expected: unknown;
  actual: unknown;
  input: string | null;
}

export interface FieldReport {
  field: string;
  total: number;
  passed: number;
  contestedTotal: number;
  contestedPassed: number;
  results: CaseResult[];
}

/** Fields the parser issue requires at ≥ 97 % (non-contested cases). */
export const REQUIRED_FIELDS = [
  "references",
  "references_detailed",
  "classified_by",
  "signers",
  "tags",
  "subject",
  "subject_from_html",
  "summary",
  "nondisclosure_deadline",
  "recipients",
  "info_recipients",
  "canonical_id",
  "canonical_id_equivalence",
];

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

function parseCase(c: Case): Cable {
  return parseText(c.input ?? "", { year: c.year, referenceId: c.reference_id });
}

const recipient = (r: Recipient) => ({
  route: r.route,
  name: r.name,
  precedence: r.precedence,
  mcn: r.mcn,
  excluded: r.excluded,
});

type Check = (c: Case) => Promise<{ actual: unknown; expected: unknown }> | { actual: unknown; expected: unknown };

const CHECKS: Record<string, Check> = {
  canonical_id: (c) => ({ actual: canonicalId(c.input ?? ""), expected: c.expected }),
  canonical_id_equivalence: (c) => ({
    actual: canonicalId(c.input ?? ""),
    expected: canonicalId(String(c.expected)),
  }),
  references: (c) => {
    const ids: string[] = [];
    for (const r of parseCase(c).references) {
      if (r.kind === "cable" && r.referenceId && !ids.includes(r.referenceId)) ids.push(r.referenceId);
    }
    return { actual: ids, expected: c.expected };
  },
  references_detailed: (c) => ({
    actual: parseCase(c).references.map((r) => ({
      value: r.kind === "cable" ? r.referenceId : r.text,
      kind: r.kind,
      bullet: r.label,
    })),
    expected: (c.expected as { value: string; kind: string; bullet: string | null }[]).map((e) => ({
      value: e.value,
      kind: e.kind === "tel" ? "telcon" : e.kind,
      bullet: e.bullet,
    })),
  }),
  classified_by: (c) => {
    const names = parseCase(c).classifiedBy?.names ?? [];
    const fold = c.options?.normalize === true;
    const norm = (xs: unknown) => (xs as string[]).map((n) => (fold ? n.toLowerCase() : n));
    return { actual: norm(names), expected: norm(c.expected) };
  },
  signers: (c) => ({ actual: parseCase(c).signers, expected: c.expected }),
  tags: (c) => {
    const cable = parseCase(c);
    return {
      actual: c.options?.canonicalize === false ? cable.tagsAsWritten : cable.tags,
      expected: c.expected,
    };
  },
  subject: (c) => {
    const cable = parseCase(c);
    let actual = cable.subject ?? "";
    if (c.options?.clean === false && cable.subjectMarking) actual = `(${cable.subjectMarking}) ${actual}`;
    return { actual, expected: c.expected ?? "" };
  },
  subject_from_html: async (c) => {
    const file = new URL(c.input_file ?? "", VECTOR_DIR).pathname;
    let subject: string | null = null;
    for await (const item of readSource(file)) {
      if (item.kind === "record") subject = parseRecord(item).subject;
    }
    return { actual: subject ?? "", expected: c.expected ?? "" };
  },
  summary: (c) => ({
    actual: collapse(parseCase(c).summary ?? ""),
    expected: c.expected === null ? "" : collapse(String(c.expected)),
  }),
  nondisclosure_deadline: (c) => ({
    actual: parseCase(c).declassification?.date ?? null,
    expected: c.expected,
  }),
  recipients: (c) => ({ actual: parseCase(c).to.map(recipient), expected: c.expected }),
  info_recipients: (c) => ({ actual: parseCase(c).info.map(recipient), expected: c.expected }),
};

export function vectorFields(): string[] {
  return readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .filter((f) => f in CHECKS)
    .sort();
}

export async function runField(field: string, dir: URL = VECTOR_DIR): Promise<FieldReport> {
  const check = CHECKS[field];
  if (!check) throw new Error(`no check for field ${field}`);
  const file = JSON.parse(readFileSync(new URL(`${field}.json`, dir), "utf8")) as { cases: Case[] };
  const results: CaseResult[] = [];
  for (const [index, c] of file.cases.entries()) {
    let actual: unknown;
    let expected: unknown = c.expected;
    try {
      ({ actual, expected } = await check(c));
    } catch (err) {
      actual = `THREW: ${err instanceof Error ? err.message : String(err)}`;
    }
    results.push({
      field,
      index,
      id: c.id,
      contested: c.contested === true,
      pass: JSON.stringify(actual) === JSON.stringify(expected),
      expected,
      actual,
      input: c.input,
    });
  }
  const plain = results.filter((r) => !r.contested);
  const contested = results.filter((r) => r.contested);
  return {
    field,
    total: plain.length,
    passed: plain.filter((r) => r.pass).length,
    contestedTotal: contested.length,
    contestedPassed: contested.filter((r) => r.pass).length,
    results,
  };
}

export function formatReport(reports: FieldReport[]): string {
  const rows = reports.map((r) => {
    const pct = r.total ? ((100 * r.passed) / r.total).toFixed(1) : "-";
    const req = REQUIRED_FIELDS.includes(r.field) ? "*" : " ";
    const contested = r.contestedTotal ? `  (contested ${r.contestedPassed}/${r.contestedTotal})` : "";
    return `${req} ${r.field.padEnd(26)} ${String(r.passed).padStart(4)}/${String(r.total).padEnd(4)} ${pct.padStart(6)}%${contested}`;
  });
  return ["conformance (non-contested cases; * = required ≥ 97%)", ...rows].join("\n");
}
