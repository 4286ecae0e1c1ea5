/**
 * Public mode over one connection: once `setPublicMode(db)` is called (by `serve --public`), every
 * part reading through that connection hides what the archive must not show — search leaves the
 * protecting cables out of searches by a protected name (src/search/entity-visibility.ts), entity
 * pages, facets and exports leave out protected mentions, and the server masks protected names in
 * every answer about a protecting cable (src/server/public-mode.ts). A per-connection switch, not
 * a parameter threaded through each caller, so a route added later is covered too.
 */
import { type Db, pendingMigrations } from "./db.js";
import {
  foldedWords,
  type Masker,
  masker,
  DESCRIPTION_OPENINGS as OPENINGS,
} from "./entities-mask.js";
import { typoVariants } from "./entities-typos.js";
import { fold, significantWords, withUnaccented } from "./entity-names.js";
import { withheldIn } from "./protection-inherit.js";

const publicConnections = new WeakSet<Db>();

/**
 * The migrations public mode cannot do without, as the message saying so (null: none missing):
 * 016 records whom older versions protect (protection-inherit.ts), 018 marks the names sharing a
 * word with them (withheldIn), 019 those sharing it in the other spelling of a letter PostgreSQL
 * unaccents, 020 those writing it another way (`Biatio` for `Biato`). A public server never
 * writes, so it cannot apply them itself.
 */
export function publicMigrationsMissing(db: Db, path: string): string | null {
  const missing = pendingMigrations(db).filter((f) => PUBLIC_MIGRATIONS.includes(f));
  if (missing.length === 0) return null;
  return `the archive lacks migration ${missing.join(" and ")}, which public mode needs to know whom its cables protect: open it once with a command that may write (cablegram entities --rebuild --db ${path})`;
}

const PUBLIC_MIGRATIONS = [
  "016-protected-forms.sql",
  "018-withheld-mentions.sql",
  "019-withheld-unaccented.sql",
  "020-withheld-spellings.sql",
];

export function setPublicMode(db: Db): void {
  const missing = publicMigrationsMissing(db, db.name);
  if (missing) throw new Error(`${missing}, then serve it publicly`);
  publicConnections.add(db);
}

export function isPublicMode(db: Db): boolean {
  return publicConnections.has(db);
}

/** A cable's entities as public mode lists them (both back ends): without what it withholds. */
interface Listed {
  name: string;
  variants: string[];
  protected?: boolean;
}
export interface PublicEntityLists {
  referenceId?: string | null;
  persons?: (Listed & { protected: boolean })[];
  organizations?: Listed[];
  places?: Listed[];
}

/**
 * What public mode leaves out of a cable (any of its versions): the persons marked protected in
 * that version or covered by what another version protects, and every name sharing a word with
 * them (protection-inherit.ts, withheldIn), whose entity page would show the word masked here.
 */
function hiddenIn(index: ProtectedIndex, cable: PublicEntityLists): (e: Listed) => boolean {
  const p = cable.referenceId ? index.byReference.get(cable.referenceId) : undefined;
  return withheldIn(cable, p?.forms ?? []);
}

/** The cable without the persons, organisations and places public mode leaves out of it. */
export function withoutWithheld<C extends PublicEntityLists>(index: ProtectedIndex, cable: C): C {
  const hidden = hiddenIn(index, cable);
  const lists = ["persons", "organizations", "places"] as const;
  if (!lists.some((k) => cable[k]?.some(hidden))) return cable;
  const out = { ...cable };
  for (const k of lists) {
    const list = cable[k] as Listed[] | undefined;
    if (list?.some(hidden)) (out as Record<string, unknown>)[k] = list.filter((x) => !hidden(x));
  }
  return out;
}

/**
 * A whole cable as a public connection shows it: without the entities it withholds (their names
 * are masked out of its text by the server, src/server/public-mode.ts). Unchanged elsewhere.
 */
export function publicView<C extends PublicEntityLists>(db: Db, cable: C): C {
  if (!publicConnections.has(db)) return cable;
  return withoutWithheld(protectedIndex(db), cable);
}

export interface ProtectingCable {
  rowid: number;
  referenceId: string;
  /** Every form written for the persons this cable protects, in any of its versions. */
  forms: string[];
  /**
   * What public mode masks in the cable: those forms, and those of the persons written with a
   * word of them (withheldIn: `Karim Dupré-Nassar` beside a protected `Ségolène Dupré-Nassar`),
   * whose other words would be a clue to the masked one (`her brother Karim [withheld]`).
   */
  masked: string[];
  /**
   * The roles the cable gives the persons it withholds (`GM`, `Deputy Minister of Interior`),
   * masked as whole phrases: with the cable's post and date, a role can name its holder.
   */
  roles: string[];
  /** The folded significant words of `masked` (entity-names.ts): what searches treat as absent. */
  words: Set<string>;
  /** The folded words of `roles`, but `of`, `the`…: what searches treat as absent too. */
  roleWords: Set<string>;
  masker: Masker;
}

export interface ProtectedIndex {
  byRowid: Map<number, ProtectingCable>;
  byReference: Map<string, ProtectingCable>;
  /** Folded word → the protecting cables whose masked names are written with it. */
  byWord: Map<string, ProtectingCable[]>;
  /** Folded word → the protecting cables whose masked roles are written with it. */
  byRoleWord: Map<string, ProtectingCable[]>;
}

/** Words that join a role's words (`Minister of the Interior`) and name nothing by themselves. */
const ROLE_GLUE = new Set([
  "of",
  "the",
  "for",
  "and",
  "to",
  "in",
  "on",
  "at",
  "with",
  "from",
  "by",
]);

function addTo(map: Map<string, ProtectingCable[]>, words: Iterable<string>, p: ProtectingCable) {
  for (const w of words) {
    const list = map.get(w);
    if (list) list.push(p);
    else map.set(w, [p]);
  }
}

/**
 * A form a cable protects (`protected` 1) or masks as a withheld person's (0); or (`older` 1) a
 * person of a version that is no longer current, which indexOf judges by the cable's forms.
 */
export interface ProtectedMention {
  cable_id: number;
  reference_id: string;
  name: string;
  variants: string;
  /** JSON list of the roles the cable gives the person (`[]` for a form from protected_forms). */
  roles: string;
  protected: number | boolean;
  older?: number | boolean;
}

/**
 * The rows indexOf reads, in SQLite (the PostgreSQL back end asks the same): the forms every
 * version protects, the current version's withheld persons (their mentions), and the persons of
 * the older versions of those cables, whose roles and namesakes only their JSON keeps: a re-release
 * whose extraction gave a protected person no role (or missed him) would leave `Brown & Root
 * country director [withheld]` in the older text of the versions panel, and in its own text.
 * `+m.type` keeps the planner on the partial index `mentions_protected`: through `mentions_key`
 * (type) it read every person mention, 9.8 s at 251,287 cables against 77 ms.
 */
const PROTECTED_ROWS = `
  SELECT c.id AS cable_id, c.reference_id, p.form AS name, '[]' AS variants, '[]' AS roles,
         1 AS protected, 0 AS older
    FROM protected_forms p JOIN cables c ON c.reference_id = p.reference_id
  UNION ALL
  SELECT m.cable_id, c.reference_id, m.name, m.variants, m.roles, 0, 0
    FROM mentions m JOIN cables c ON c.id = m.cable_id
   WHERE m.protected = 1 AND +m.type = 'person'
  UNION ALL
  SELECT c.id, c.reference_id, json_extract(p.value, '$.name'),
         coalesce(json_extract(p.value, '$.variants'), '[]'),
         coalesce(json_extract(p.value, '$.roles'), '[]'),
         coalesce(json_extract(p.value, '$.protected'), 0), 1
    FROM versions v JOIN cables c ON c.reference_id = v.reference_id,
         json_each(v.cable_json, '$.persons') p
   WHERE v.cable_json IS NOT NULL
     AND v.reference_id IN (SELECT reference_id FROM protected_forms)`;

/** A protecting cable's current texts: where the words it shows only masked are read. */
export interface ProtectingText {
  cable_id: number;
  subject: string | null;
  summary: string | null;
  body: string;
}

const TEXTS = `SELECT id AS cable_id, subject, summary, body FROM cables
  WHERE id IN (SELECT value FROM json_each(?))`;

/**
 * The words a protecting cable's current text shows only where public mode masks it — a role's
 * other writing (`the Interior chief`), a description (`a prominent Tripoli-based attorney`;
 * entities-mask.ts) — added to the words searches treat as absent from the cable, as a role's
 * own words are: finding the cable through `chief` or `attorney` where its text reads
 * `[withheld]` would confirm what the token hides. A word the masked text still shows elsewhere
 * stays searchable (`tripoli` of `Tripoli-based` in a cable that says `Tripoli's chattering
 * classes`), and so do one-letter words, the glue of roles and the words that open a description
 * (`of`, `a`, `who`). Names' words are `words` already; a withheld name's other spelling in the
 * cable's current text (`Biatio` for `Biato`) joins them, masked and kept from searches as they are.
 */
export function withMaskedWords(
  index: ProtectedIndex,
  texts: readonly ProtectingText[],
): ProtectedIndex {
  for (const t of texts) {
    const p = index.byRowid.get(t.cable_id);
    if (!p) continue;
    const own = [t.subject, t.summary, t.body].filter((x): x is string => !!x);
    // A withheld name's other spelling in the cable is masked as the name is (entities-typos.ts).
    const typos = typoVariants(p.words, own);
    if (typos.length > 0) {
      p.masked.push(...typos);
      p.masker = masker(p.masked, p.roles);
      const added = withUnaccented(significantWords(typos)).filter((w) => !p.words.has(w));
      for (const w of added) p.words.add(w);
      addTo(index.byWord, added, p);
    }
    const shown = new Set(own.flatMap((text) => plainWords(p.masker.mask(text))));
    const hidden = new Set<string>();
    for (const w of own.flatMap(plainWords)) {
      if (shown.has(w) || w.length < 2 || ROLE_GLUE.has(w) || OPENINGS.has(w)) continue;
      if (!p.words.has(w)) hidden.add(w);
    }
    const added = withUnaccented([...hidden]).filter((w) => !p.roleWords.has(w));
    for (const w of added) p.roleWords.add(w);
    addTo(index.byRoleWord, added, p);
  }
  return index;
}

/** A text's words, folded as queries are, split at every character that is not a letter or digit. */
function plainWords(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u);
}

const cache = new WeakMap<Db, { stamp: string; index: ProtectedIndex }>();

function stampOf(db: Db): string {
  const dv = db.pragma("data_version", { simple: true }) as number;
  const own = db.prepare<[], number>("SELECT total_changes()").pluck().get() ?? 0;
  return `${dv}:${own}`;
}

/** The cables with protected persons, read once per archive state. */
export function protectedIndex(db: Db): ProtectedIndex {
  const stamp = stampOf(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit.index;
  const base = indexOf(db.prepare<[], ProtectedMention>(PROTECTED_ROWS).all());
  const ids = JSON.stringify([...base.byRowid.keys()]);
  const index = withMaskedWords(base, db.prepare<[string], ProtectingText>(TEXTS).all(ids));
  cache.set(db, { stamp, index });
  return index;
}

/** The index over the protected forms and withheld persons of an archive, from either back end. */
export function indexOf(rows: readonly ProtectedMention[]): ProtectedIndex {
  const byRowid = new Map<number, ProtectingCable>();
  const older: ProtectedMention[] = [];
  for (const r of rows) {
    if (r.older === 1 || r.older === true) {
      older.push(r);
      continue;
    }
    let p = byRowid.get(r.cable_id);
    if (!p) {
      p = {
        rowid: r.cable_id,
        referenceId: r.reference_id,
        forms: [],
        masked: [],
        roles: [],
        words: new Set(),
        roleWords: new Set(),
        masker: { mask: (s) => s },
      };
      byRowid.set(r.cable_id, p);
    }
    const forms = [r.name, ...(JSON.parse(r.variants) as string[])];
    if (r.protected === 1 || r.protected === true) p.forms.push(...forms);
    p.masked.push(...forms);
    if (r.roles !== "[]") p.roles.push(...(JSON.parse(r.roles) as string[]));
  }
  // An older version's persons, judged by every form the cable's versions protect, as the writer
  // judged the current version's (withheldIn): the withheld ones are masked with their roles.
  const rules = new Map<ProtectingCable, ReturnType<typeof withheldIn>>();
  for (const r of older) {
    const p = byRowid.get(r.cable_id);
    if (!p || p.forms.length === 0 || typeof r.name !== "string") continue;
    let withheld = rules.get(p);
    if (!withheld) {
      withheld = withheldIn({}, p.forms);
      rules.set(p, withheld);
    }
    const variants = JSON.parse(r.variants) as string[];
    const named = { name: r.name, variants, protected: r.protected === 1 || r.protected === true };
    if (!withheld(named)) continue;
    p.masked.push(r.name, ...variants);
    if (r.roles !== "[]") p.roles.push(...(JSON.parse(r.roles) as string[]));
  }
  const byReference = new Map<string, ProtectingCable>();
  const byWord = new Map<string, ProtectingCable[]>();
  const byRoleWord = new Map<string, ProtectingCable[]>();
  for (const [rowid, p] of byRowid) {
    // Mentions marked without a protected form are not the cable's to mask (none when migrated).
    if (p.forms.length === 0) {
      byRowid.delete(rowid);
      continue;
    }
    // Both spellings where PostgreSQL folds a letter that `fold` keeps (`ħamrun`, `hamrun`).
    p.words = new Set(withUnaccented(significantWords(p.masked)));
    p.roleWords = new Set(
      withUnaccented(significantWords(p.roles).filter((w) => !ROLE_GLUE.has(w))),
    );
    p.masker = masker(p.masked, p.roles);
    byReference.set(p.referenceId, p);
    addTo(byWord, p.words, p);
    addTo(byRoleWord, p.roleWords, p);
  }
  return { byRowid, byReference, byWord, byRoleWord };
}

/**
 * Whether any word of a query text (folded; `prefix`: its start) is a protected word of `p`: a
 * word of a name it withholds, or of a role it masks. A role's words count as its name's do, so
 * that `GM` does not find the cable whose text reads `ConocoPhillips [withheld]` and confirm what
 * the token hides; a role's word written elsewhere in the cable is then not found there either.
 */
export function namesProtected(p: ProtectingCable, text: string, prefix: boolean): boolean {
  for (const w of foldedWords(text)) {
    if (p.words.has(w) || p.roleWords.has(w)) return true;
    if (prefix && w.length > 0) {
      for (const pw of p.words) if (pw.startsWith(w)) return true;
      for (const pw of p.roleWords) if (pw.startsWith(w)) return true;
    }
  }
  return false;
}

/** The protecting cables a query text could reach through a protected word. */
export function cablesNamedBy(
  index: ProtectedIndex,
  text: string,
  prefix: boolean,
): Set<ProtectingCable> {
  const out = new Set<ProtectingCable>();
  for (const w of foldedWords(text)) {
    for (const map of [index.byWord, index.byRoleWord]) {
      for (const p of map.get(w) ?? []) out.add(p);
      if (prefix && w.length > 0) {
        for (const [pw, list] of map) if (pw.startsWith(w)) for (const p of list) out.add(p);
      }
    }
  }
  return out;
}
