import type { Db } from "./db.js";
import { EntityNames } from "./entities-rule.js";
import { groupOrder, Pool, PROTECTED, type Scan, TYPES } from "./entities-scan.js";
import { type Batches, BulkInsert, type RowSink } from "./entities-walk.js";
import { formWords } from "./entity-names.js";

/**
 * The derived tables of a full run (`entities`, `entity_forms`, `entity_words`; what each row
 * holds is told in entities-derived.ts, which rebuilds a few entities the same way) from the
 * scan's columns: every entity's mentions grouped in memory, in table order, and its rows written
 * in key order with multi-row inserts. `entity_words` is keyed by word: its rows are collected as
 * numbers, sorted once, and appended.
 */

interface Form {
  cables: number;
  publicCables: number;
  /** The last cable counted (a cable's mentions of an entity come together, in table order). */
  last: number;
  lastPublic: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function writeAllDerived(db: Db, s: Scan, entityOf: Int32Array, batches: Batches): void {
  deriveAll(s, entityOf, (into, width) => new BulkInsert(db, into, width, batches));
}

/** Where each derived table's rows go: `into` is `table (col, ...)`. */
export type OpenSink = (into: string, width: number) => RowSink;

/** The derived rows of every entity, sent to `open`'s sinks in key order (no SQLite here). */
export function deriveAll(s: Scan, entityOf: Int32Array, open: OpenSink): void {
  const ids = s.entities.strings;
  const { order, start } = groupOrder(s.n, ids.length, (i) => entityOf[i]!);
  const placed: number[] = [];
  for (let e = 0; e < ids.length; e++) if (start[e + 1]! > start[e]!) placed.push(e);
  placed.sort((a, b) => cmp(ids[a]!, ids[b]!));

  const entities = open(
    "entities (id, type, name, cables, public_cables, first_created, last_created)",
    7,
  );
  const forms = open("entity_forms (entity_id, form, cables, public_cables)", 4);
  // Words: (word, entity rank, public) per form, sorted and deduplicated at the end.
  const words = new Pool();
  const wordOf: number[] = [];
  const rankOf: number[] = [];
  const pubOf: number[] = [];

  placed.forEach((e, rank) => {
    const id = ids[e]!;
    const from = start[e]!;
    const to = start[e + 1]!;
    let cables = 0;
    let publicCables = 0;
    let last = -1;
    let lastPublic = -1;
    let first: string | null = null;
    let latest: string | null = null;
    const byForm = new Map<string, Form>();
    const names = new EntityNames();
    for (let k = from; k < to; k++) {
      const i = order[k]!;
      const cable = s.cable[i]!;
      const combo = s.combo[i]!;
      const pub = (s.flags[i]! & PROTECTED) === 0;
      if (cable !== last) {
        cables++;
        last = cable;
      }
      if (pub && cable !== lastPublic) {
        publicCables++;
        lastPublic = cable;
      }
      const created = s.created[cable];
      if (created) {
        if (first === null || created < first) first = created;
        if (latest === null || created > latest) latest = created;
      }
      const name = s.names.strings[s.comboName[combo]!]!;
      names.add(name, !pub);
      const count = (form: string) => {
        let f = byForm.get(form);
        if (!f) {
          f = { cables: 0, publicCables: 0, last: -1, lastPublic: -1 };
          byForm.set(form, f);
        }
        if (f.last !== cable) {
          f.cables++;
          f.last = cable;
        }
        if (pub && f.lastPublic !== cable) {
          f.publicCables++;
          f.lastPublic = cable;
        }
      };
      count(name);
      for (const v of s.list(s.comboVariants[combo]!)) count(v);
    }
    const type = TYPES[s.comboType[s.combo[order[from]!]!]!]!;
    entities.add([id, type, names.display(), cables, publicCables, first, latest]);
    for (const form of [...byForm.keys()].sort(cmp)) {
      const f = byForm.get(form)!;
      forms.add([id, form, f.cables, f.publicCables]);
      for (const w of formWords(form)) {
        wordOf.push(words.id(w));
        rankOf.push(rank);
        pubOf.push(f.publicCables > 0 ? 1 : 0);
      }
    }
  });
  entities.flush();
  forms.flush();
  writeWords(
    words,
    wordOf,
    rankOf,
    pubOf,
    placed.map((e) => ids[e]!),
    open,
  );
}

/** `entity_words` in key order: each (word, entity) once, public if any of its forms is. */
function writeWords(
  words: Pool,
  wordOf: readonly number[],
  rankOf: readonly number[],
  pubOf: readonly number[],
  idAt: readonly string[],
  open: OpenSink,
): void {
  const byWord = words.strings
    .map((_, w) => w)
    .sort((a, b) => cmp(words.strings[a]!, words.strings[b]!));
  const wordRank = new Int32Array(words.strings.length);
  byWord.forEach((w, r) => {
    wordRank[w] = r;
  });
  const span = idAt.length * 2;
  if (words.strings.length * span > Number.MAX_SAFE_INTEGER)
    throw new Error("too many entity words");
  const codes = new Float64Array(wordOf.length);
  for (let k = 0; k < codes.length; k++)
    codes[k] = wordRank[wordOf[k]!]! * span + rankOf[k]! * 2 + pubOf[k]!;
  codes.sort();
  const insert = open("entity_words (word, entity_id, public)", 3);
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!;
    // Equal but for the public bit: the larger (public) comes last and stands for both.
    const pair = Math.floor(code / 2);
    if (k + 1 < codes.length && Math.floor(codes[k + 1]! / 2) === pair) continue;
    const rank = pair % idAt.length;
    const word = byWord[Math.floor(pair / idAt.length)]!;
    insert.add([words.strings[word], idAt[rank], code % 2]);
  }
  insert.flush();
}
