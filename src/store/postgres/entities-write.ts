/**
 * The PostgreSQL writer's part of the entity layer: a cable's persons, organisations and places
 * as rows of `mentions`, exactly as src/store/entities-write.ts stores them in SQLite (same order,
 * same JSON lists, same resolution group keys), unresolved (entity_id NULL). Public mode reads the
 * `protected` flag from here, resolved or not, so a PostgreSQL ingest never serves a protected
 * name; resolution itself runs on SQLite only so far (docs/server-mode.md, "Entities").
 */
import type { Cable } from "../../model/cable.js";
import { cableEntities } from "../entities-input.js";
import { mentionKeys } from "../entities-rule.js";
import { withheldIn } from "../protection-inherit.js";
import type { Sql } from "./connect.js";
import type { CopyValue } from "./copy.js";

const EMPTY = "[]";
const list = (xs: readonly unknown[]) => (xs.length === 0 ? EMPTY : JSON.stringify(xs));

/**
 * COPY rows in the column order of ENTITY_COLUMNS.mentions (src/store/postgres/entities-copy.ts).
 * `protected` is what public mode withholds, as SQLite stores it: the protected persons and every
 * name sharing a word with the forms any version protects (`forms`, with the cable's own).
 */
export function mentionRows(
  cableId: number,
  cable: Cable,
  forms: readonly string[] = [],
): CopyValue[][] {
  const { persons, organizations, places } = cableEntities(cable);
  const withheld = withheldIn(cable, forms);
  const out: CopyValue[][] = [];
  const row = (
    type: "person" | "org" | "place",
    name: string,
    variants: readonly string[],
    roles: readonly string[],
    paragraphs: readonly number[],
    kind: string | null,
    usOfficial: boolean,
    prot: boolean,
  ) => {
    const { key, vkeys } = mentionKeys({ type, name, variants });
    out.push([
      cableId,
      out.length,
      type,
      name,
      list(variants),
      list(roles),
      list(paragraphs),
      kind,
      usOfficial,
      prot,
      null,
      null,
      key,
      vkeys.join("\n"),
    ]);
  };
  for (const p of persons) {
    row("person", p.name, p.variants, p.roles, p.paragraphs, null, p.usOfficial, withheld(p));
  }
  for (const o of organizations)
    row("org", o.name, o.variants, [], o.paragraphs, null, false, withheld(o));
  for (const l of places)
    row("place", l.name, l.variants, [], l.paragraphs, l.kind, false, withheld(l));
  return out;
}

/**
 * Recounts the vocabulary `word~` reads (`terms`) from the full-text index, inside the caller's
 * transaction under the writer lock: at the end of a bulk load (src/store/postgres/bulk-load.ts),
 * whose batches leave the counts alone. ts_stat reads every tsvector once (docs/server-mode.md
 * gives its cost at scale); readers see the old counts until it commits.
 */
export async function recountTerms(tx: Sql): Promise<void> {
  // One message (simple protocol, two statements): sent whole at once, the server runs the count
  // while this process does other work (entities-resolve.ts, `meanwhile`), not after it.
  await tx
    .unsafe(`DELETE FROM terms;
      INSERT INTO terms (term, docs)
      SELECT word, ndoc FROM ts_stat('SELECT tsv FROM cables')
       WHERE length(word) >= 4 AND word !~ '[0-9]'`)
    .simple();
}

/** The words `terms` keeps (those variantsOf can use; migration 003 says the same). */
const KEPT = "length(w) >= 4 AND w !~ '[0-9]'";

/**
 * Moves the vocabulary counts by the cables of `ids` (cables.id), inside the writer's batch
 * transaction: `sign` -1 before they are deleted, +1 once they are written. The batch pays for its
 * own words, so an ingest of a few cables into a large archive need not recount them all.
 */
export async function shiftTerms(tx: Sql, ids: readonly number[], sign: 1 | -1): Promise<void> {
  if (ids.length === 0) return;
  const counted = `SELECT w, count(*)::int * ${sign} AS n
      FROM cables, unnest(tsvector_to_array(tsv)) AS w
     WHERE id = ANY($1::bigint[]) AND ${KEPT} GROUP BY w`;
  await tx.unsafe(
    `INSERT INTO terms (term, docs) ${counted}
     ON CONFLICT (term) DO UPDATE SET docs = terms.docs + excluded.docs`,
    [ids as number[]],
  );
  if (sign < 0) await tx`DELETE FROM terms WHERE docs <= 0`;
}

/**
 * The mark the writer leaves in `entity_dirty` when a batch writes cables: resolution
 * (entities-resolve.ts) is due at the ingest's end.
 */
export const WRITTEN_MARK = "written";
