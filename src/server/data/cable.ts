/**
 * The one data function of a cable, cableView: what `/cables/:id` renders, what
 * `/cables/:id?format=json` and `GET /api/cables/:id` answer. The contract's Cable JSON with the
 * cables it cites, the cables citing it and its stored versions, plus what the reader explains:
 * the entities of its mentions, what its codes mean (TAGS, classification reasons) and a diff of
 * each older version against the current one.
 */

import type { Archive } from "../../archive/archive.js";
import type { CiteEdge } from "../../graph/types.js";
import type { Cable } from "../../model/cable.js";
import { canonicalId, splitId } from "../../model/reference-id.js";
import { reasonInfo } from "../../reference/reasons.js";
import { tagInfo } from "../../reference/tags.js";
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
  const id = urlCableId(raw);
  if (!id)
    throw badRequest(`not a cable id: '${raw.slice(0, 64)}' (e.g. 05ALMATY2121)`, { param: "id" });
  return id;
}

/** resolveId without the refusal: null when `raw` is no cable id a route would accept. */
export function urlCableId(raw: string): string | null {
  return canonicalId(raw.replace(/[\s._-]+/g, ""));
}

async function absent(archive: Archive, id: string): Promise<AbsentCable | null> {
  const inbound = await archive.citedBy(id);
  if (inbound.length === 0) return null;
  return {
    referenceId: id,
    station: splitId(id)?.station ?? null,
    estimatedCreated: await archive.estimateCreated(id),
    citedBy: inbound,
  };
}

/** Throws the 404 of an id: with what is known when archive cables cite it. */
async function missing(archive: Archive, id: string): Promise<never> {
  const known = await absent(archive, id);
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

async function withGraph(archive: Archive, cable: Cable): Promise<CableJson> {
  const id = cable.referenceId!;
  return {
    ...cable,
    createdEstimate: cable.created ? null : await archive.dateEstimate(id),
    cites: await archive.cites(id),
    citedBy: await archive.citedBy(id),
    versions: await archive.versions(id),
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

export async function cableView(archive: Archive, id: string): Promise<CableView> {
  const cable = await archive.getCable(id);
  if (!cable) return missing(archive, id);
  const json = await withGraph(archive, cable);
  const older = json.versions.length > 1 ? await archive.olderVersions(id) : [];
  return {
    ...json,
    // Public mode is applied by the store: a protected person's mention is not there.
    mentions: await archive.mentions(id),
    tagInfo: cable.tags.map((tag) => ({ tag, ...tagInfo(tag) })),
    reasonInfo: (cable.classifiedBy?.reasons ?? []).map(
      (code) => reasonInfo(code) ?? { code, unknown: true as const },
    ),
    diffs: older.map((v) => versionDiff(v.cable, cable, v.versionId)),
  };
}
