import { readFileSync } from "node:fs";

/**
 * Scoring of extracted entities against the hand annotations in test/fixtures/entities/: what
 * `npm run eval:entities` prints and what test/entities/eval.test.ts holds to the targets.
 * Shared by both so that the figures reported and the figures tested are one computation.
 */

export type Scope = "full" | "protected";

export interface GoldEntity {
  forms: string[];
  protected: boolean;
}

export interface GoldCable {
  referenceId: string;
  scope: Scope;
  persons: GoldEntity[];
  organizations: GoldEntity[];
  places: GoldEntity[];
}

export interface Extracted {
  persons: { name: string; variants: string[]; protected: boolean }[];
  organizations: { name: string; variants: string[] }[];
  places: { name: string; variants: string[] }[];
}

export function readAnnotations(path: string): GoldCable[] {
  const out: GoldCable[] = [];
  let current: GoldCable | null = null;
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const head = /^=\s+(\S+)\s+(full|protected)$/.exec(line);
    if (head) {
      current = {
        referenceId: head[1]!,
        scope: head[2] as Scope,
        persons: [],
        organizations: [],
        places: [],
      };
      out.push(current);
      continue;
    }
    const entry = /^(P\*|P|O|L)\s+(.+)$/.exec(line);
    if (!entry || !current) throw new Error(`annotations: cannot read "${line}"`);
    const forms = entry[2]!
      .split("|")
      .map((f) => f.trim())
      .filter(Boolean);
    const kind = entry[1]!;
    const target = kind.startsWith("P")
      ? current.persons
      : kind === "O"
        ? current.organizations
        : current.places;
    target.push({ forms, protected: kind === "P*" });
  }
  return out;
}

/** Case, accents, dots, possessives and a trailing qualifier do not make forms differ. */
export function normForm(form: string): string {
  return form
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function formsOf(forms: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const f of forms) {
    const n = normForm(f);
    out.add(n);
    const bare = n.replace(/\s*\([^)]*\)$/, "");
    if (bare !== n) out.add(bare);
  }
  return out;
}

/** Two entities match when they share a form, or a one-word form is the other's surname. */
export function sameEntity(a: readonly string[], b: readonly string[], person: boolean): boolean {
  const fa = formsOf(a);
  const fb = formsOf(b);
  for (const f of fa) if (fb.has(f)) return true;
  if (!person) return false;
  const last = (s: Set<string>) =>
    new Set(
      [...s].map((f) =>
        f
          .split(" ")
          .pop()!
          .replace(/^(?:al|el)-/, ""),
      ),
    );
  const single = (s: Set<string>) =>
    [...s].filter((f) => !f.includes(" ")).map((f) => f.replace(/^(?:al|el)-/, ""));
  const la = last(fa);
  const lb = last(fb);
  return single(fa).some((f) => lb.has(f)) || single(fb).some((f) => la.has(f));
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function add(a: Counts, b: Counts): void {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
}

export function precision(c: Counts): number {
  return c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
}

export function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}

/** One-to-one matching of gold to predicted entities; the misses and extras for the report. */
export function compare(
  gold: readonly GoldEntity[],
  predicted: readonly { name: string; variants: string[] }[],
  person: boolean,
): { counts: Counts; missed: string[]; extra: string[] } {
  const used = new Set<number>();
  const missed: string[] = [];
  let tp = 0;
  for (const g of gold) {
    const i = predicted.findIndex(
      (p, k) => !used.has(k) && sameEntity(g.forms, [p.name, ...p.variants], person),
    );
    if (i >= 0) {
      used.add(i);
      tp++;
    } else missed.push(g.forms[0]!);
  }
  const extra = predicted.filter((_p, k) => !used.has(k)).map((p) => p.name);
  return { counts: { tp, fp: extra.length, fn: missed.length }, missed, extra };
}

/** Protected persons: recall over every annotated cable; precision over what the extractor protected. */
export function compareProtected(
  gold: GoldCable,
  got: Extracted,
): { counts: Counts; missed: string[]; extra: string[] } {
  const wanted = gold.persons.filter((p) => p.protected);
  const flagged = got.persons.filter((p) => p.protected);
  const missed = wanted
    .filter((g) => !flagged.some((p) => sameEntity(g.forms, [p.name, ...p.variants], true)))
    .map((g) => g.forms[0]!);
  const extra = flagged
    .filter((p) => !wanted.some((g) => sameEntity(g.forms, [p.name, ...p.variants], true)))
    .map((p) => p.name);
  return {
    counts: { tp: wanted.length - missed.length, fp: extra.length, fn: missed.length },
    missed,
    extra,
  };
}

/** Eras of the annotated set: the all-caps telegrams, and the Cablegate years in two halves. */
export function eraOf(referenceId: string): string {
  const yy = Number(referenceId.slice(0, 2));
  const year = yy >= 50 ? 1900 + yy : 2000 + yy;
  if (year < 2000) return "1966-1999";
  return year < 2008 ? "2000-2007" : "2008-2010";
}
