/**
 * The writings of a role that public mode masks (src/store/entities-mask.ts): with a cable's post
 * and date a role names its holder, in whatever words the cable writes it. Beside the role as
 * extracted: its other order (`Interior Minister` for `Minister of Interior`; roleSpellings), its
 * abbreviations and expansions word for word (`ConocoPhillips General Manager` for `ConocoPhillips
 * GM`, `FM` and `FonMin` for `Foreign Minister`; data/reference/role-abbreviations.csv), and for a
 * minister, director or chair the generic head (`the Interior chief`, `head of Interior`).
 */
import { referenceTable } from "../reference/reference-data.js";

/**
 * A role and its other usual order: `Minister of Interior` is also written `Interior Minister`,
 * `Secretary General of the CSU` `CSU Secretary General`, and the other way round (`Finance
 * Director`, `Director of Finance`). A spelling never written in the text masks nothing.
 */
export function roleSpellings(role: string): string[] {
  const words = role.trim().split(/\s+/);
  const of = words.findIndex((w) => /^of$/i.test(w));
  // A leading `Deputy`, `Vice`, `Acting` or `Assistant` stays in front (`Deputy Interior Minister`).
  const lead = /^(?:deputy|vice|acting|assistant)$/i.test(words[0] ?? "") ? 1 : 0;
  if (of > lead && of < words.length - 1) {
    const object = words.slice(of + 1).filter((w, i) => i > 0 || !/^the$/i.test(w));
    return [role, [...words.slice(0, lead), ...object, ...words.slice(lead, of)].join(" ")];
  }
  // The title is the last word, a capitalised one (not `Dr.`, nor the `and` of `Ambassador and`).
  if (words.length >= 2 && words.length <= 4 && of < 0 && /^[A-Z][a-z]{2,}$/.test(words.at(-1)!)) {
    const object = words.slice(lead, -1);
    if (object.length > 0)
      return [role, [...words.slice(0, lead), words.at(-1)!, "of", ...object].join(" ")];
  }
  return [role];
}

let table: { pattern: RegExp; others: Map<string, string[]> } | null = null;

const key = (s: string) => s.toLowerCase().replace(/\s+/g, " ");

/** Every writing in the table, each with the others of its group (FM, FonMin, Foreign Minister…). */
function abbreviations(): NonNullable<typeof table> {
  if (table) return table;
  const groups = new Map<string, Set<string>>();
  for (const r of referenceTable("role-abbreviations.csv")) {
    const a = r.abbreviation!;
    const e = r.expansion!;
    const group = new Set([a, e, ...(groups.get(key(a)) ?? []), ...(groups.get(key(e)) ?? [])]);
    for (const w of group) groups.set(key(w), group);
  }
  const others = new Map<string, string[]>();
  for (const [k, g] of groups)
    others.set(
      k,
      [...g].filter((w) => key(w) !== k),
    );
  // Longest first, whole words only: `Deputy Foreign Minister` before `Foreign Minister`.
  const writings = [...groups.keys()].sort((a, b) => b.length - a.length);
  const escaped = writings.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  table = { pattern, others };
  return table;
}

/** The role with one abbreviation or expansion in it swapped for each other writing of it. */
function swapped(role: string): string[] {
  const { pattern, others } = abbreviations();
  const out: string[] = [];
  for (const m of role.matchAll(pattern)) {
    for (const other of others.get(key(m[0])) ?? []) {
      out.push(role.slice(0, m.index) + other + role.slice(m.index + m[0].length));
    }
  }
  return out;
}

const HEADS = /^(?:minister|director|chairman|chairwoman|chair|chief|head)$/i;

/** `Interior Minister` → `Interior chief`, `Interior head`, `chief of Interior`, `head of Interior`. */
function generic(spelling: string): string[] {
  const words = spelling.split(/\s+/);
  const of = words.findIndex((w) => /^of$/i.test(w));
  const lead = /^(?:deputy|vice|acting|assistant)$/i.test(words[0] ?? "") ? 1 : 0;
  let object: string[];
  if (of === lead + 1 && HEADS.test(words[lead]!)) object = words.slice(of + 1);
  else if (of < 0 && words.length >= lead + 2 && HEADS.test(words.at(-1)!))
    object = words.slice(lead, -1);
  else return [];
  if (object.length === 0 || object.every((w) => /^(?:the|of)$/i.test(w))) return [];
  const front = words.slice(0, lead);
  return ["chief", "head"].flatMap((h) => [
    [...front, ...object, h].join(" "),
    [...front, h, "of", ...object].join(" "),
  ]);
}

/** Every writing of a role public mode masks: its own, its other order, abbreviations, heads. */
export function roleForms(role: string): string[] {
  const out = new Set<string>();
  for (const r of [role, ...swapped(role)]) {
    for (const s of roleSpellings(r)) {
      out.add(s);
      for (const g of generic(s)) out.add(g);
    }
  }
  return [...out];
}
