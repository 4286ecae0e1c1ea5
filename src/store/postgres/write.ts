/**
 * The ingest's writer on PostgreSQL: one batch of parsed cables is one transaction, written with
 * COPY. The version rules are those of src/store/write.ts, decided here in memory for the whole
 * batch from one read of what the archive holds for the batch's ids: a text already seen for an id
 * (same text hash or same content hash) changes nothing; anything else is a new version, and the
 * current one when it supersedes the stored current version (src/store/current-version.ts). The
 * writer lock makes concurrent ingests take turns; readers see a batch whole or not at all (MVCC).
 */
import type { Writable } from "node:stream";
import type { Cable } from "../../model/cable.js";
import { slimCableJson } from "../cable-json.js";
import { isDegraded, supersedes } from "../current-version.js";
import { inheritProtection } from "../protection-inherit.js";
import { classificationLevel, strongestProtect, type WriteOutcome } from "../write.js";
import { syncBatchFacets } from "./cable-facets.js";
import type { Sql } from "./connect.js";
import { WRITER_LOCK } from "./connect.js";
import { type CopyValue, copyText } from "./copy.js";
import { ENTITY_COLUMNS } from "./entities-copy.js";
import { mentionRows, shiftTerms, WRITTEN_MARK } from "./entities-write.js";
import { BatchProtection } from "./protected-forms.js";
import { cablesByRowid } from "./read.js";

/** What the writer needs of a prepared record (src/ingest/prepare.ts). */
export interface CableToWrite {
  cable: Cable;
  textHash: string;
  contentHash: string;
  slimJson?: string;
  sourceId: string | null;
}

interface Current {
  /** cables.id */
  id: number;
  versionId: number;
  released: string | null;
  format: string;
  sourceId: string | null;
  /** Set when the current version was written earlier in this batch (not yet in the archive). */
  pending?: { cable: Cable; slimJson: string };
}

interface State {
  hashes: { text: string; content: string }[];
  current: Current | null;
}

type Rows = Record<string, CopyValue[][]>;

/** The rows of the current version of a cable: cables and every child table. */
function cableRows(
  out: Rows,
  id: number,
  versionId: number,
  cable: Cable,
  json: string,
  forms: readonly string[],
): void {
  out.cables!.push([
    id,
    cable.referenceId,
    cable.station,
    cable.year,
    cable.serial,
    cable.created,
    cable.released,
    cable.created ? cable.created.slice(0, 7) : null,
    cable.origin,
    cable.classification,
    classificationLevel(cable.classification),
    cable.partial,
    cable.transmissionId,
    cable.precedence,
    cable.dtg,
    cable.from,
    cable.subject,
    cable.summary,
    cable.comment,
    cable.declassification?.date ?? null,
    cable.classifiedBy?.names.join("; ") || null,
    cable.signers.join("; ") || null,
    strongestProtect(cable),
    cable.redactions,
    cable.references.length,
    cable.body,
    json,
    versionId,
  ]);
  cable.paragraphs.forEach((p, seq) => {
    out.paragraphs!.push([id, seq, p.number, p.marking, p.heading, p.text]);
  });
  cable.references.forEach((r, seq) => {
    out.refs!.push([id, seq, r.label, r.kind, r.text, r.referenceId]);
  });
  // SQLite inserts these with OR IGNORE: a value twice in one cable is one row.
  for (const t of new Set(cable.tags)) out.tags!.push([id, t]);
  for (const c of new Set(cable.caveats)) out.caveats!.push([id, c]);
  for (const r of new Set(cable.classifiedBy?.reasons ?? [])) out.reasons!.push([id, r]);
  cable.to.forEach((r, seq) => {
    out.recipients!.push([id, "to", seq, r.route, r.name, r.precedence, r.mcn]);
  });
  cable.info.forEach((r, seq) => {
    out.recipients!.push([id, "info", seq, r.route, r.name, r.precedence, r.mcn]);
  });
  cable.protect.forEach((p, seq) => {
    out.protect!.push([id, seq, p.marker, p.paragraph, p.text]);
  });
  out.mentions!.push(...mentionRows(id, cable, forms));
}

/** Column lists of the COPYs, in the order cableRows and versionRow fill them. */
export const COLUMNS: Record<string, string> = {
  versions:
    "id, reference_id, text_hash, content_hash, released, source_id, source_format, source_file, source_offset, source_line, ingested_at, cable_json",
  cables:
    "id, reference_id, station, year, serial, created, released, month, origin, classification, level, partial, transmission_id, precedence, dtg, from_addr, subject, summary, comment, decl_date, classified_by, signers, protect, redactions, ref_count, body, cable_json, version_id",
  paragraphs: "cable_id, seq, number, marking, heading, text",
  refs: "cable_id, seq, label, kind, text, target_id",
  tags: "cable_id, tag",
  caveats: "cable_id, caveat",
  reasons: "cable_id, reason",
  recipients: "cable_id, role, seq, route, name, precedence, mcn",
  protect: "cable_id, seq, marker, paragraph, text",
  mentions: ENTITY_COLUMNS.mentions!,
};

/** The tables whose rows belong to one cable (cable_id), written with it and replaced with it. */
const CHILD_TABLES = Object.keys(COLUMNS).filter((t) => t !== "versions" && t !== "cables");

async function copy(tx: Sql, table: string, rows: CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const stream: Writable = await tx
    .unsafe(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`)
    .writable();
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    // About a megabyte per write: few calls, bounded buffers.
    let chunk = "";
    for (const row of rows) {
      chunk += copyText(row);
      if (chunk.length > 1 << 20) {
        stream.write(chunk);
        chunk = "";
      }
    }
    stream.end(chunk);
  });
}

/**
 * Writes a batch in one transaction and says, per cable, what happened (as writeCable does).
 * `tx` must be a transaction (sql.begin); the caller commits.
 */
export async function writeBatch(
  tx: Sql,
  batch: readonly CableToWrite[],
  ingestedAt: string,
  /** Keep `terms` counted batch by batch (false: a bulk load recounts them at its end). */
  opts: { terms?: boolean } = {},
): Promise<WriteOutcome[]> {
  const terms = opts.terms ?? true;
  await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
  const ids = [...new Set(batch.map((b) => b.cable.referenceId).filter((x): x is string => !!x))];
  const state = new Map<string, State>();
  for (const id of ids) state.set(id, { hashes: [], current: null });
  for (const v of await tx<{ reference_id: string; text_hash: string; content_hash: string }[]>`
      SELECT reference_id, text_hash, content_hash FROM versions WHERE reference_id = ANY(${ids})`) {
    state.get(v.reference_id)!.hashes.push({ text: v.text_hash, content: v.content_hash });
  }
  for (const c of await tx<
    {
      id: number;
      reference_id: string;
      released: string | null;
      version_id: number;
      format: string;
      source_id: string | null;
    }[]
  >`SELECT c.id, c.reference_id, c.released, c.version_id, v.source_format AS format, v.source_id
      FROM cables c JOIN versions v ON v.id = c.version_id WHERE c.reference_id = ANY(${ids})`) {
    state.get(c.reference_id)!.current = {
      id: c.id,
      versionId: c.version_id,
      released: c.released,
      format: c.format,
      sourceId: c.source_id,
    };
  }

  const protection = await BatchProtection.read(tx, ids);

  const outcomes: WriteOutcome[] = [];
  const versions: CopyValue[][] = [];
  /** Version rows of this batch by id, so a version superseded in the same batch gets its JSON. */
  const versionById = new Map<number, CopyValue[]>();
  /** Stored current versions replaced by this batch: cables.id → versions.id that keeps its JSON. */
  const replaced = new Map<number, number>();
  /** The current version per cables.id after the batch (the last one decided wins). */
  const finals = new Map<number, { versionId: number; cable: Cable; slimJson: string }>();
  const need = batch.length;
  const [vseq] = await tx<{ ids: number[] }[]>`
    SELECT array_agg(nextval('versions_id_seq'))::bigint[] AS ids FROM generate_series(1, ${need})`;
  const versionIds = (vseq?.ids ?? []).map(Number);
  const newCables = batch.filter(
    (b) => b.cable.referenceId && !state.get(b.cable.referenceId)!.current,
  ).length;
  const [cseq] = await tx<{ ids: number[] | null }[]>`
    SELECT array_agg(nextval('cables_id_seq'))::bigint[] AS ids FROM generate_series(1, ${newCables})`;
  const cableIds = (cseq?.ids ?? []).map(Number);

  for (const b of batch) {
    const id = b.cable.referenceId;
    if (!id) throw new Error("cable has no reference id");
    const s = state.get(id)!;
    if (s.hashes.some((h) => h.text === b.textHash || h.content === b.contentHash)) {
      outcomes.push("unchanged");
      continue;
    }
    const src = b.cable.source ?? { format: "raw", file: "-", offset: 0, line: 1 };
    const existing = s.current;
    const current =
      !existing ||
      supersedes(
        { released: b.cable.released, degraded: isDegraded(src.format, b.sourceId, id) },
        {
          released: existing.released,
          degraded: isDegraded(existing.format, existing.sourceId, id),
        },
      );
    // Protection marked in any version holds for the cable (src/store/protection-inherit.ts).
    const { inherited, added } = protection.version(id, b.cable);
    const marked = current && inheritProtection(b.cable, inherited);
    const versionId = versionIds.shift()!;
    const row: CopyValue[] = [
      versionId,
      id,
      b.textHash,
      b.contentHash,
      b.cable.released,
      b.sourceId,
      src.format,
      src.file,
      src.offset,
      src.line,
      ingestedAt,
      current ? null : JSON.stringify(b.cable),
    ];
    versions.push(row);
    versionById.set(versionId, row);
    s.hashes.push({ text: b.textHash, content: b.contentHash });
    const slimJson = (!marked && b.slimJson) || slimCableJson(b.cable);
    if (!existing) {
      const cableId = cableIds.shift()!;
      s.current = {
        id: cableId,
        versionId,
        released: b.cable.released,
        format: src.format,
        sourceId: b.sourceId,
        pending: { cable: b.cable, slimJson },
      };
      finals.set(cableId, { versionId, cable: b.cable, slimJson });
      outcomes.push("new");
      continue;
    }
    if (current) {
      if (existing.pending) {
        // Superseded before it was ever stored: its version row keeps its whole JSON now.
        versionById.get(existing.versionId)![11] = JSON.stringify(existing.pending.cable);
      } else {
        replaced.set(existing.id, existing.versionId);
      }
      s.current = {
        id: existing.id,
        versionId,
        released: b.cable.released,
        format: src.format,
        sourceId: b.sourceId,
        pending: { cable: b.cable, slimJson },
      };
      finals.set(existing.id, { versionId, cable: b.cable, slimJson });
    } else if (added.length > 0) {
      const pending = existing.pending;
      if (!pending) protection.remark(existing.id, added);
      else if (inheritProtection(pending.cable, added)) {
        pending.slimJson = slimCableJson(pending.cable);
        finals.set(existing.id, { ...finals.get(existing.id)!, slimJson: pending.slimJson });
      }
    }
    outcomes.push("version");
  }
  // Ids drawn but not used (unchanged records) stay unused: ids need only be distinct.

  /** Reference ids named by the references of the replaced versions (their citations may go). */
  const oldTargets: string[] = [];
  if (replaced.size > 0) {
    const rowids = [...replaced.keys()];
    for (const r of await tx<{ t: string }[]>`
        SELECT DISTINCT target_id AS t FROM refs WHERE cable_id = ANY(${rowids}::bigint[])
           AND target_id IS NOT NULL`)
      oldTargets.push(r.t);
    const previous = await cablesByRowid(tx, rowids);
    if (previous.length !== rowids.length) throw new Error("archive changed under the writer lock");
    const jsons = previous.map((c) => JSON.stringify(c));
    const versionIdsKept = rowids.map((r) => replaced.get(r)!);
    await tx`
      UPDATE versions v SET cable_json = u.json
        FROM unnest(${versionIdsKept}::bigint[], ${jsons}::text[]) AS u(id, json) WHERE v.id = u.id`;
    // Child rows go by name, not only by ON DELETE CASCADE: a bulk load runs without the
    // foreign keys (src/store/postgres/bulk-load.ts).
    if (terms) await shiftTerms(tx, rowids, -1);
    for (const table of CHILD_TABLES)
      await tx.unsafe(`DELETE FROM ${table} WHERE cable_id = ANY($1::bigint[])`, [rowids]);
    await tx`DELETE FROM cables WHERE id = ANY(${rowids}::bigint[])`;
  }
  const rows: Rows = {
    cables: [],
    paragraphs: [],
    refs: [],
    tags: [],
    caveats: [],
    reasons: [],
    recipients: [],
    protect: [],
    mentions: [],
  };
  for (const [cableId, f] of finals)
    cableRows(
      rows,
      cableId,
      f.versionId,
      f.cable,
      f.slimJson,
      protection.formsOf(f.cable.referenceId),
    );
  await copy(tx, "versions", versions);
  for (const table of Object.keys(rows)) await copy(tx, table, rows[table]!);
  await protection.write(tx, new Set(replaced.keys()));
  // Resolution runs at the ingest's end (entities-resolve.ts); the mark says it is due even when
  // no mention is left unplaced (a new version with none, a protection moved to other cables).
  if (finals.size > 0)
    await tx`INSERT INTO entity_dirty (type, key) SELECT '*', ${WRITTEN_MARK}
              WHERE NOT EXISTS (SELECT 1 FROM entity_dirty WHERE type = '*' AND key = ${WRITTEN_MARK})`;
  if (terms) await shiftTerms(tx, [...finals.keys()], 1);
  await syncBatchFacets(
    tx,
    [...finals].map(([id, f]) => ({ id, cable: f.cable })),
    oldTargets,
  );
  return outcomes;
}
