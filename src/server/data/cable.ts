/**
 * The one data function of a cable, cableView: what `/cables/:id` renders, what
 * `/cables/:id?format=json` and `GET /api/cables/:id` answer. The contract's Cable JSON with the
 * cables it cites, the cables citing it and its stored versions, plus what the reader explains:
 * the entities of its mentions, what its codes mean (TAGS, classification reasons) and a diff of
 * each older version against the current one.
 */

import { citedBy, cites, estimateCreated } from "../../graph/index.js";
import type { CiteEdge } from "../../graph/types.js";
import type { Cable, Provenance } from "../../model/cable.js";
import { canonicalId, splitId } from "../../model/reference-id.js";
import { reasonInfo } from "../../reference/reasons.js";
import { tagInfo } from "../../reference/tags.js";
import { dateEstimate } from "../../store/date-estimates.js";
import type { Db } from "../../store/db.js";
import { cableMentions } from "../../store/entities-read.js";
import { getCable, getVersions } from "../../store/read.js";
import type { CableJson, CableView, VersionDiff, VersionSummary } from "../answers.js";
import { badRequest, notFound } from "../problem.js";
import { lineDiff } from "./diff.js";

export type { CableJson, CableView, VersionDiff, VersionSummary };

/** A cable cited in the archive but not in it: what the archive knows about it. */
export interface AbsentCable {
  referenceId: string;
  station: string | null;
  estimatedCreated: string | null;
  citedBy: CiteEdge[];
}

/** The canonical id for an id as written in a URL (`05 ALMATY 002121` → `05ALMATY2121`). */
export function resolveId(raw: string): string {
  const id = canonicalId(raw.replace(/[\s._-]+/g, ""));
  if (!id)
    throw badRequest(`not a cable id: '${raw.slice(0, 64)}' (e.g. 05ALMATY2121)`, { param: "id" });
  return id;
}

interface VersionRow {
  versionId: number;
  current: number;
  released: string | null;
  format: Provenance["format"];
  file: string;
  offset: number;
  line: number;
  ingestedAt: string;
  textHash: string;
  contentHash: string;
}

const versionStatements = new WeakMap<Db, (id: string) => VersionRow[]>();

/**
 * The versions of an id without their cables: what the reader lists. (getVersions restores every
 * version's whole cable, the current one included; the reader needs the old ones only for diffs.)
 */
function versionSummaries(db: Db, id: string): VersionSummary[] {
  let query = versionStatements.get(db);
  if (!query) {
    const stmt = db.prepare<[string], VersionRow>(
      // The current version through the unique reference_id index: cables.version_id has none.
      `SELECT v.id AS versionId,
              (v.id = (SELECT c.version_id FROM cables c WHERE c.reference_id = v.reference_id)) AS current,
              v.released, v.source_format AS format, v.source_file AS file, v.source_offset AS offset,
              v.source_line AS line, v.ingested_at AS ingestedAt, v.text_hash AS textHash,
              v.content_hash AS contentHash
         FROM versions v WHERE v.reference_id = ? ORDER BY v.id`,
    );
    query = (x) => stmt.all(x);
    versionStatements.set(db, query);
  }
  return query(id).map((v) => ({
    versionId: v.versionId,
    current: v.current === 1,
    released: v.released,
    source: { format: v.format, file: v.file, offset: v.offset, line: v.line },
    ingestedAt: v.ingestedAt,
    textHash: v.textHash,
    contentHash: v.contentHash,
  }));
}

function absent(db: Db, id: string): AbsentCable | null {
  const inbound = citedBy(db, id);
  if (inbound.length === 0) return null;
  return {
    referenceId: id,
    station: splitId(id)?.station ?? null,
    estimatedCreated: estimateCreated(db, id),
    citedBy: inbound,
  };
}

/** Throws the 404 of an id: with what is known when archive cables cite it. */
function missing(db: Db, id: string): never {
  const known = absent(db, id);
  if (known) {
    throw notFound(
      `${id} is not in the archive; ${known.citedBy.length} archive cable(s) cite it`,
      {
        referenceId: id,
        estimatedCreated: known.estimatedCreated,
        citedBy: known.citedBy,
      },
    );
  }
  throw notFound(`no cable ${id} in the archive`, { referenceId: id });
}

function withGraph(db: Db, cable: Cable): CableJson {
  const id = cable.referenceId!;
  return {
    ...cable,
    createdEstimate: cable.created ? null : dateEstimate(db, id),
    cites: cites(db, id),
    citedBy: citedBy(db, id),
    versions: versionSummaries(db, id),
  };
}

const COMPARED: (keyof Cable)[] = [
  "created",
  "released",
  "origin",
  "classification",
  "subject",
  "tags",
  "caveats",
  "partial",
  "signers",
];

function show(v: unknown): string {
  return Array.isArray(v) ? v.join(" ") : v === null || v === undefined ? "" : String(v);
}

function versionDiff(old: Cable, current: Cable, versionId: number): VersionDiff {
  const fields: [string, string, string][] = [];
  for (const f of COMPARED) {
    const a = show(old[f]);
    const b = show(current[f]);
    if (a !== b) fields.push([f, a, b]);
  }
  return { versionId, fields, body: lineDiff(old.body, current.body) };
}

export function cableView(db: Db, id: string): CableView {
  const cable = getCable(db, id);
  if (!cable) missing(db, id);
  const json = withGraph(db, cable);
  const older = json.versions.length > 1 ? getVersions(db, id).filter((v) => !v.current) : [];
  return {
    ...json,
    // Public mode is applied by the store: a protected person's mention is not there.
    mentions: cableMentions(db, id),
    tagInfo: cable.tags.map((tag) => ({ tag, ...tagInfo(tag) })),
    reasonInfo: (cable.classifiedBy?.reasons ?? []).map(
      (code) => reasonInfo(code) ?? { code, unknown: true as const },
    ),
    diffs: older.map((v) => versionDiff(v.cable, cable, v.versionId)),
  };
}
