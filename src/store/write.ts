import type { Cable } from "../model/cable.js";
import { BANNER_LEVELS } from "../model/classification.js";
import { contentHash, slimCableJson } from "./cable-json.js";
import { isDegraded, supersedes } from "./current-version.js";
import type { Db } from "./db.js";
import { derivedFts } from "./derived-fts.js";
import { insertMentions } from "./entities-write.js";
import { addProtectedForms, remarkCurrent, storedProtectedForms } from "./protected-forms.js";
import { inheritProtection, protectedFormsOf } from "./protection-inherit.js";
import { getCableByRowid } from "./read.js";

export { getCable } from "./read.js";

export type WriteOutcome = "new" | "version" | "unchanged";

export interface VersionInfo {
  /** Identity of the text as read (src/ingest/text-hash.ts); defaults to the content hash. */
  textHash?: string;
  /** Identity of the parsed cable; computed from the cable when absent. */
  contentHash?: string;
  /** slimCableJson(cable), when the caller computed it already (the ingest does, off-thread). */
  slimJson?: string;
  /** The id as the source wrote it (metadata), before canonicalisation; null when it gave none. */
  sourceId?: string | null;
  ingestedAt?: string;
}

/** Banner levels without caveats, most secret first (the `level` column). */
export const CLASSIFICATION_LEVELS: readonly string[] = BANNER_LEVELS;

/** The `level` column of a classification: its banner level, caveats dropped (both back ends). */
export function classificationLevel(classification: string | null): string | null {
  if (!classification) return null;
  return CLASSIFICATION_LEVELS.find((l) => classification.startsWith(l)) ?? classification;
}

/** The `protect` column: the strongest PROTECT marker a cable carries (both back ends). */
export function strongestProtect(cable: Cable): string | null {
  if (cable.protect.some((p) => p.marker === "STRICTLY PROTECT")) return "STRICTLY PROTECT";
  return cable.protect.length > 0 ? "PROTECT" : null;
}

/** Prepared statements, built once per connection. */
function prepare(db: Db) {
  return {
    derived: derivedFts(db),
    mentions: (cableId: number, cable: Cable) => insertMentions(db, cableId, cable),
    findVersions: db.prepare<[string], { text_hash: string; content_hash: string }>(
      "SELECT text_hash, content_hash FROM versions WHERE reference_id = ?",
    ),
    findCurrent: db.prepare<
      [string],
      {
        id: number;
        released: string | null;
        version_id: number;
        format: string;
        source_id: string | null;
      }
    >(
      `SELECT c.id, c.released, c.version_id, v.source_format AS format, v.source_id
         FROM cables c JOIN versions v ON v.id = c.version_id WHERE c.reference_id = ?`,
    ),
    insertVersion: db.prepare(
      `INSERT INTO versions (reference_id, text_hash, content_hash, released, source_id,
         source_format, source_file, source_offset, source_line, ingested_at, cable_json)
       VALUES (@referenceId, @textHash, @contentHash, @released, @sourceId, @format, @file,
         @offset, @line, @ingestedAt, @json)`,
    ),
    keepVersionJson: db.prepare("UPDATE versions SET cable_json = ? WHERE id = ?"),
    // FTS 'delete' needs the indexed values. They are read first and passed to INSERT ... VALUES:
    // an INSERT ... SELECT into FTS5 gets a statement savepoint, at which FTS5 flushes every index
    // written in the transaction (see derived-fts.ts).
    currentText: db.prepare<[number], { subject: string | null; body: string }>(
      "SELECT subject, body FROM cables WHERE id = ?",
    ),
    currentParagraphs: db.prepare<[number], { id: number; text: string }>(
      "SELECT id, text FROM paragraphs WHERE cable_id = ?",
    ),
    deleteFts: db.prepare(
      "INSERT INTO cables_fts (cables_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)",
    ),
    deleteParagraphFts: db.prepare(
      "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', ?, ?)",
    ),
    deleteChildren: ["paragraphs", ...ELEMENT_TABLES].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE cable_id = ?`),
    ),
    deleteCable: db.prepare("DELETE FROM cables WHERE id = ?"),
    insertCable: db.prepare(
      `INSERT INTO cables (id, reference_id, station, year, serial, created, released, month, origin,
         classification, level, partial, transmission_id, precedence, dtg, from_addr, subject, summary,
         comment, decl_date, classified_by, signers, protect, redactions, ref_count, body, cable_json, version_id)
       VALUES (@id, @referenceId, @station, @year, @serial, @created, @released, @month, @origin,
         @classification, @level, @partial, @transmissionId, @precedence, @dtg, @from, @subject, @summary,
         @comment, @declDate, @classifiedBy, @signers, @protect, @redactions, @refCount, @body, @json, @versionId)`,
    ),
    insertFts: db.prepare("INSERT INTO cables_fts (rowid, subject, body) VALUES (?, ?, ?)"),
    insertParagraph: db.prepare(
      "INSERT INTO paragraphs (cable_id, seq, number, marking, heading, text) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    insertParagraphFts: db.prepare("INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)"),
    insertRef: db.prepare(
      "INSERT INTO refs (cable_id, seq, label, kind, text, target_id) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    insertTag: db.prepare("INSERT OR IGNORE INTO tags (cable_id, tag) VALUES (?, ?)"),
    insertCaveat: db.prepare("INSERT OR IGNORE INTO caveats (cable_id, caveat) VALUES (?, ?)"),
    insertReason: db.prepare("INSERT OR IGNORE INTO reasons (cable_id, reason) VALUES (?, ?)"),
    insertRecipient: db.prepare(
      "INSERT INTO recipients (cable_id, role, seq, route, name, precedence, mcn) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    insertProtect: db.prepare(
      "INSERT INTO protect (cable_id, seq, marker, paragraph, text) VALUES (?, ?, ?, ?, ?)",
    ),
  };
}
type Statements = ReturnType<typeof prepare>;

const statements = new WeakMap<Db, Statements>();
function stmts(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  return s;
}

/**
 * Stores one parsed cable. A version already seen for this id (same text as read, or same parsed
 * content) changes nothing; anything else becomes a new version, and the current, searchable one
 * when it supersedes the stored current version (src/store/current-version.ts). Nothing is ever
 * overwritten: a version that stops being current keeps its whole Cable JSON in `versions`.
 * Call inside a transaction when writing many.
 */
export function writeCable(db: Db, cable: Cable, info: VersionInfo = {}): WriteOutcome {
  const id = cable.referenceId;
  if (!id) throw new Error("cable has no reference id");
  const s = stmts(db);
  const content = info.contentHash ?? contentHash(cable);
  const text = info.textHash ?? content;
  for (const v of s.findVersions.all(id)) {
    if (v.text_hash === text || v.content_hash === content) return "unchanged";
  }

  const src = cable.source ?? { format: "raw", file: "-", offset: 0, line: 1 };
  const sourceId = info.sourceId ?? null;
  const existing = s.findCurrent.get(id);
  const current =
    !existing ||
    supersedes(
      { released: cable.released, degraded: isDegraded(src.format, sourceId, id) },
      {
        released: existing.released,
        degraded: isDegraded(existing.format, existing.source_id, id),
      },
    );
  // Protection marked in any version holds for the cable (protection-inherit.ts): the forms the
  // earlier versions protect mark the new version when it becomes current, and the forms this one
  // protects mark the stored current version when this one does not replace it.
  const inherited = storedProtectedForms(db, id);
  const added = addProtectedForms(db, id, protectedFormsOf(cable));
  let slimJson = info.slimJson;
  if (current && inheritProtection(cable, inherited)) slimJson = undefined;
  const versionId = Number(
    s.insertVersion.run({
      referenceId: id,
      textHash: text,
      contentHash: content,
      released: cable.released,
      sourceId,
      format: src.format,
      file: src.file,
      offset: src.offset,
      line: src.line,
      ingestedAt: info.ingestedAt ?? new Date().toISOString(),
      json: current ? null : JSON.stringify(cable),
    }).lastInsertRowid,
  );
  if (!existing) {
    insertCurrent(s, cable, slimJson ?? slimCableJson(cable), versionId, null);
    return "new";
  }
  if (current) {
    const previous = getCableByRowid(db, existing.id);
    s.keepVersionJson.run(JSON.stringify(previous), existing.version_id);
    deleteCurrent(s, existing.id);
    insertCurrent(s, cable, slimJson ?? slimCableJson(cable), versionId, existing.id);
  } else if (added.length > 0) {
    remarkCurrent(db, existing.id, getCableByRowid(db, existing.id)!, added);
  }
  return "version";
}

function deleteCurrent(s: Statements, cableId: number) {
  const text = s.currentText.get(cableId);
  if (text) s.deleteFts.run(cableId, text.subject ?? "", text.body);
  for (const p of s.currentParagraphs.all(cableId)) s.deleteParagraphFts.run(p.id, p.text);
  for (const del of s.deleteChildren) del.run(cableId);
  s.derived.remove(cableId);
  s.deleteCable.run(cableId);
}

function insertCurrent(
  s: Statements,
  cable: Cable,
  json: string,
  versionId: number,
  rowid: number | null,
) {
  const cableId = Number(
    s.insertCable.run({
      id: rowid,
      referenceId: cable.referenceId,
      station: cable.station,
      year: cable.year,
      serial: cable.serial,
      created: cable.created,
      released: cable.released,
      month: cable.created ? cable.created.slice(0, 7) : null,
      origin: cable.origin,
      classification: cable.classification,
      level: classificationLevel(cable.classification),
      partial: cable.partial ? 1 : 0,
      transmissionId: cable.transmissionId,
      precedence: cable.precedence,
      dtg: cable.dtg,
      from: cable.from,
      subject: cable.subject,
      summary: cable.summary,
      comment: cable.comment,
      declDate: cable.declassification?.date ?? null,
      classifiedBy: cable.classifiedBy?.names.join("; ") || null,
      signers: cable.signers.join("; ") || null,
      protect: strongestProtect(cable),
      redactions: cable.redactions,
      refCount: cable.references.length,
      body: cable.body,
      json,
      versionId,
    }).lastInsertRowid,
  );
  s.derived.insert(cableId);
  s.insertFts.run(cableId, cable.subject ?? "", cable.body);
  cable.paragraphs.forEach((p, seq) => {
    const pid = s.insertParagraph.run(
      cableId,
      seq,
      p.number,
      p.marking,
      p.heading,
      p.text,
    ).lastInsertRowid;
    s.insertParagraphFts.run(pid, p.text);
  });
  writeElements(s, cableId, cable, ELEMENT_TABLES);
}

/**
 * The tables of a cable's elements (REF items, TAGS, caveats, reasons, recipients, PROTECT
 * markers, entity mentions): everything in them is also in the cable's stored JSON, so they can be rebuilt from it
 * (src/store/repair.ts). Paragraphs are not among them: their texts are stored only there.
 */
export const ELEMENT_TABLES = [
  "refs",
  "tags",
  "caveats",
  "reasons",
  "recipients",
  "protect",
  "mentions",
] as const;
export type ElementTable = (typeof ELEMENT_TABLES)[number];

function writeElements(
  s: Statements,
  cableId: number,
  cable: Cable,
  tables: readonly ElementTable[],
): void {
  const want = new Set(tables);
  if (want.has("refs")) {
    cable.references.forEach((r, seq) => {
      s.insertRef.run(cableId, seq, r.label, r.kind, r.text, r.referenceId);
    });
  }
  if (want.has("tags")) for (const t of cable.tags) s.insertTag.run(cableId, t);
  if (want.has("caveats")) for (const c of cable.caveats) s.insertCaveat.run(cableId, c);
  if (want.has("reasons")) {
    for (const r of cable.classifiedBy?.reasons ?? []) s.insertReason.run(cableId, r);
  }
  if (want.has("recipients")) {
    cable.to.forEach((r, seq) => {
      s.insertRecipient.run(cableId, "to", seq, r.route, r.name, r.precedence, r.mcn);
    });
    cable.info.forEach((r, seq) => {
      s.insertRecipient.run(cableId, "info", seq, r.route, r.name, r.precedence, r.mcn);
    });
  }
  if (want.has("protect")) {
    cable.protect.forEach((p, seq) => {
      s.insertProtect.run(cableId, seq, p.marker, p.paragraph, p.text);
    });
  }
  if (want.has("mentions")) s.mentions(cableId, cable);
}

/** Writes the element rows of a stored cable into `tables` (which the caller emptied for it). */
export function writeElementRows(
  db: Db,
  cableId: number,
  cable: Cable,
  tables: readonly ElementTable[] = ELEMENT_TABLES,
): void {
  writeElements(stmts(db), cableId, cable, tables);
}
