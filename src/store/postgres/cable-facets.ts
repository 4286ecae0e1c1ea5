/**
 * Keeps `cable_facets` (migration 006) right: the per-cable tags, caveats and has:missing /
 * has:citedby flags that search facets and filters read instead of joining `tags`, `caveats`
 * and `refs`. A row depends on its own cable and, through references, on others: a cable that
 * arrives may be the one another cable's reference was missing, and the cables a reference names
 * gain (or, when a version drops the reference, lose) a citation. So a batch syncs its own
 * cables, the cables citing them and the cables their references (old and new) name; the SQL of
 * one row is the database's own (`cg_cable_facet_rows`), written once in the migration.
 */
import type { Cable } from "../../model/cable.js";
import type { Sql } from "./connect.js";

/** What a batch changed, as the writer knows it. */
export interface FacetChange {
  /** cables.id of every cable the batch wrote (new, or a new current version). */
  ids: number[];
  /** Their reference ids. */
  referenceIds: string[];
  /** Reference ids the batch's references name, and those its replaced versions named. */
  targets: string[];
}

/**
 * Syncs the rows a batch touched, in the batch's transaction (readers see both at once). Reads
 * its neighbours through `refs_target`, which a bulk load keeps for it (src/store/postgres/bulk-
 * load.ts): every batch syncs, so the rows are right during a load and after a cut one too.
 */
export async function syncCableFacets(tx: Sql, change: FacetChange): Promise<number> {
  if (change.ids.length === 0 && change.targets.length === 0) return 0;
  const [row] = await tx<{ n: number }[]>`
    SELECT cg_sync_cable_facets(ARRAY(
      SELECT unnest(${change.ids}::bigint[])
      UNION SELECT r.cable_id FROM refs r WHERE r.target_id = ANY(${change.referenceIds}::text[])
      UNION SELECT x.id FROM cables x WHERE x.reference_id = ANY(${change.targets}::text[])))::int AS n`;
  return row?.n ?? 0;
}

/**
 * The rows of a batch's written cables (`written`: cables.id and the cable now current there)
 * and their neighbours; `oldTargets`: what the references of the versions they replace named.
 */
export function syncBatchFacets(
  tx: Sql,
  written: readonly { id: number; cable: Cable }[],
  oldTargets: readonly string[],
): Promise<number> {
  const targets = new Set(oldTargets);
  for (const w of written)
    for (const r of w.cable.references) if (r.referenceId) targets.add(r.referenceId);
  return syncCableFacets(tx, {
    ids: written.map((w) => w.id),
    referenceIds: written.map((w) => w.cable.referenceId!),
    targets: [...targets],
  });
}

/** Syncs every row (after `migrate`'s copy, with the indexes built). */
export async function syncAllCableFacets(tx: Sql): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    SELECT cg_sync_cable_facets(ARRAY(SELECT id FROM cables UNION SELECT id FROM cable_facets))::int AS n`;
  return row?.n ?? 0;
}
