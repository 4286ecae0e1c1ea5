/**
 * The PostgreSQL writer and protection across versions (src/store/postgres/protected-forms.ts):
 * 08TRIPOLI564's marked copy and a copy without the marker, written in batches in each order and
 * in one batch, as `cablegram ingest` writes into PostgreSQL. Whichever version is current, el-
 * Meyet's mention in it is protected, the forms of both versions are recorded, and the protected
 * index public mode masks with covers him; nobody else in the cable is marked. (The server tests
 * read archives copied from SQLite: this is the writer they do not reach.)
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSource } from "../../src/formats/index.js";
import { prepareItem } from "../../src/ingest/prepare.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { protectedIndexPg } from "../../src/store/postgres/entities-public.js";
import { type CableToWrite, writeBatch } from "../../src/store/postgres/write.js";
import { ANNOTATIONS } from "../entities/protected-archive.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
const CABLE = "08TRIPOLI564";

/** One copy as the ingest prepares it, with the fixture's annotations; `released` when given. */
async function copy(marked: boolean, released?: string): Promise<CableToWrite> {
  const file = join(FIXTURES, marked ? "cables" : "unmarked", `${CABLE}.txt`);
  for await (const item of readSource(file)) {
    const p = prepareItem(item);
    if (p.kind === "rejected") throw new Error(p.reason);
    Object.assign(p.cable, structuredClone(ANNOTATIONS[CABLE]));
    if (!marked) p.cable.persons = p.cable.persons.map((x) => ({ ...x, protected: false }));
    if (released) p.cable.released = released;
    return { ...p, slimJson: undefined };
  }
  throw new Error(`no cable in ${file}`);
}

const EARLY = "2011-08-01T00:00:00Z";
const LATE = "2011-08-30T00:00:00Z";

const ORDERS: [string, () => Promise<CableToWrite[][]>, boolean][] = [
  ["marked, then unmarked", async () => [[await copy(true)], [await copy(false)]], false],
  [
    "unmarked current, then an older marked copy",
    async () => [[await copy(false, LATE)], [await copy(true, EARLY)]],
    false,
  ],
  ["both in one batch, marked first", async () => [[await copy(true), await copy(false)]], false],
  [
    "both in one batch, the older marked copy last",
    async () => [[await copy(false, LATE), await copy(true, EARLY)]],
    false,
  ],
  ["unmarked, then marked", async () => [[await copy(false)], [await copy(true)]], true],
];

const run = postgresAvailable("the PostgreSQL writer's protection across versions");

describe.skipIf(!run)("the PostgreSQL writer keeps protection across versions", () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it.each(ORDERS.map((o, i) => [...o, i] as const))(
    "%s",
    async (_name, batches, markedCurrent, i) => {
      const pg = await openPostgres(await cluster.createDatabase(`protver${i}`));
      try {
        for (const batch of await batches()) {
          await pg.sql.begin((tx) => writeBatch(tx, batch, new Date().toISOString()));
        }
        const versions = await pg.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM versions WHERE reference_id = ${CABLE}`;
        expect(versions[0]?.n).toBe(2);
        const [current] = await pg.sql<{ protect: string | null }[]>`
          SELECT protect FROM cables WHERE reference_id = ${CABLE}`;
        expect(current?.protect !== null).toBe(markedCurrent);
        const marks = await pg.sql<{ name: string; protected: boolean }[]>`
          SELECT m.name, m.protected FROM mentions m JOIN cables c ON c.id = m.cable_id
           WHERE c.reference_id = ${CABLE} AND m.type = 'person' ORDER BY m.seq`;
        expect(marks.filter((m) => m.protected).map((m) => m.name)).toEqual(["Ibrahim el-Meyet"]);
        const [json] = await pg.sql<{ persons: { name: string; protected: boolean }[] }[]>`
          SELECT cable_json::jsonb -> 'persons' AS persons FROM cables WHERE reference_id = ${CABLE}`;
        expect(json?.persons.filter((p) => p.protected).map((p) => p.name)).toEqual([
          "Ibrahim el-Meyet",
        ]);
        const index = await protectedIndexPg(pg.sql);
        expect(index.byReference.get(CABLE)?.words.has("meyet")).toBe(true);
      } finally {
        await pg.close();
      }
    },
    60_000,
  );
});
