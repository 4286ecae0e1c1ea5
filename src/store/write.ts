import { createHash } from "node:crypto";
import type { Cable } from "../model/cable.js";
import type { Db } from "./db.js";

export type WriteOutcome = "new" | "version" | "unchanged";

export interface VersionInfo {
  /** Hash identifying the text of this version; defaults to a hash of the parsed body and metadata. */
  textHash?: string;
  ingestedAt?: string;
}

export function textHash(...parts: (string | null | undefined)[]): string {
  const h = createHash("sha1");
  for (const p of parts) h.update(p ?? "").update("\u0000");
  return h.digest("hex");
}

const LEVELS = ["TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED"];
function level(classification: string | null): string | null {
  if (!classification) return null;
  return LEVELS.find((l) => classification.startsWith(l)) ?? classification;
}

function strongestProtect(cable: Cable): string | null {
  if (cable.protect.some((p) => p.marker === "STRICTLY PROTECT")) return "STRICTLY PROTECT";
  return cable.protect.length > 0 ? "PROTECT" : null;
}

/** Prepared statements, built once per connection. */
function prepare(db: Db) {
  return {
    findVersion: db.prepare<[string, string], { id: number }>(
      "SELECT id FROM versions WHERE reference_id = ? AND text_hash = ?",
    ),
    findCable: db.prepare<[string], { id: number; released: string | null; version_id: number }>(
      "SELECT id, released, version_id FROM cables WHERE reference_id = ?",
    ),
    insertVersion: db.prepare(
      `INSERT INTO versions (reference_id, text_hash, released, source_format, source_file, source_offset,
         source_line, ingested_at, cable_json)
       VALUES (@referenceId, @textHash, @released, @format, @file, @offset, @line, @ingestedAt, @json)`,
    ),
    deleteFts: db.prepare(
      "INSERT INTO cables_fts (cables_fts, rowid, subject, body) SELECT 'delete', id, subject, body FROM cables WHERE id = ?",
    ),
    deleteParagraphFts: db.prepare(
      "INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) SELECT 'delete', id, text FROM paragraphs WHERE cable_id = ?",
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
 * Stores one parsed cable. A text already seen for this id changes nothing; a new text becomes a
 * new version, and becomes the searchable one unless an existing version was released later.
 * Call inside a transaction when writing many.
 */
export function writeCable(db: Db, cable: Cable, info: VersionInfo = {}): WriteOutcome {
  const id = cable.referenceId;
  if (!id) throw new Error("cable has no reference id");
  const s = stmts(db);
  const hash =
    info.textHash ?? textHash(cable.body, cable.created, cable.classification, cable.origin);
  if (s.findVersion.get(id, hash)) return "unchanged";

  const json = JSON.stringify(cable);
  const src = cable.source ?? { format: "raw", file: "-", offset: 0, line: 1 };
  const versionId = Number(
    s.insertVersion.run({
      referenceId: id,
      textHash: hash,
      released: cable.released,
      format: src.format,
      file: src.file,
      offset: src.offset,
      line: src.line,
      ingestedAt: info.ingestedAt ?? new Date().toISOString(),
      json,
    }).lastInsertRowid,
  );

  const existing = s.findCable.get(id);
  if (existing) {
    // An older release arriving late is kept as a version but does not replace the current text.
    if (existing.released && cable.released && cable.released < existing.released) return "version";
    s.deleteFts.run(existing.id);
    s.deleteParagraphFts.run(existing.id);
    s.deleteCable.run(existing.id);
  }
  insertCurrent(s, cable, json, versionId, existing?.id ?? null);
  return existing ? "version" : "new";
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
      level: level(cable.classification),
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
  cable.references.forEach((r, seq) => {
    s.insertRef.run(cableId, seq, r.label, r.kind, r.text, r.referenceId);
  });
  for (const t of cable.tags) s.insertTag.run(cableId, t);
  for (const c of cable.caveats) s.insertCaveat.run(cableId, c);
  for (const r of cable.classifiedBy?.reasons ?? []) s.insertReason.run(cableId, r);
  cable.to.forEach((r, seq) => {
    s.insertRecipient.run(cableId, "to", seq, r.route, r.name, r.precedence, r.mcn);
  });
  cable.info.forEach((r, seq) => {
    s.insertRecipient.run(cableId, "info", seq, r.route, r.name, r.precedence, r.mcn);
  });
  cable.protect.forEach((p, seq) => {
    s.insertProtect.run(cableId, seq, p.marker, p.paragraph, p.text);
  });
}

/** The current version of a cable as Cable JSON, or null. */
export function getCable(db: Db, referenceId: string): Cable | null {
  const row = db
    .prepare<[string], { cable_json: string }>(
      "SELECT cable_json FROM cables WHERE reference_id = ?",
    )
    .get(referenceId);
  return row ? (JSON.parse(row.cable_json) as Cable) : null;
}
