/**
 * A test archive with people the cables protect: the web fixtures' real Tripoli cables
 * (test/fixtures/server: 07TRIPOLI1053 protects three business people by name, 08TRIPOLI564
 * protects Ibrahim el-Meyet by name, and a second version of 08TRIPOLI564), plus two written for
 * these tests (test/fixtures/entities/cables): 10TRIPOLI9002 names el-Meyet and Jennifer Windus
 * openly at a public forum, 10TRIPOLI9003 protects a person with an accented, hyphenated name that
 * is also in its subject and summary; and test/fixtures/public/09TRIPOLI9004 names `R. Weeks` and
 * `WEEKS` openly, a person 07TRIPOLI1053 protects as `Richard Weeks`: resolution joins them, and
 * public mode must show no word only the protecting cable wrote (`Richard`). Each cable's persons, organisations and places are the
 * annotations of test/fixtures/entities/annotations.json, set on the parsed cable and stored
 * through the real writer, then resolved; so the tests do not depend on the extractor's output.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";
import { readSource } from "../../src/formats/index.js";
import { prepareItem } from "../../src/ingest/prepare.js";
import type { Cable } from "../../src/model/cable.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.js";
import { openArchive } from "../../src/store/db.js";
import type { CableEntities } from "../../src/store/entities-input.js";
import { resolveEntities } from "../../src/store/entities-resolve.js";
import { refreshEntitySummaries } from "../../src/store/entity-summary.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { copySqliteToPostgres } from "../../src/store/postgres/from-sqlite.js";
import { writeCable } from "../../src/store/write.js";
import type { Backend } from "../server/backends.js";
import { type PgCluster, startCluster } from "../support/pg-cluster.js";
import { readerUrl } from "../support/pg-reader.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const ANNOTATIONS = JSON.parse(
  readFileSync(join(FIXTURES, "entities/annotations.json"), "utf8"),
) as Record<string, CableEntities>;

/** The persons each cable protects, with every form written for them and the roles it gives. */
export const PROTECTED: { cable: string; forms: string[]; roles: string[] }[] = Object.entries(
  ANNOTATIONS,
).flatMap(([cable, e]) =>
  e.persons
    .filter((p) => p.protected)
    .map((p) => ({ cable, forms: [p.name, ...p.variants], roles: p.roles })),
);

/** The files stored, in order; the extractor's annotated set shares entities/cables and is left out. */
export const INPUTS = [
  ...listed("server/cables"),
  join(FIXTURES, "entities/cables/10TRIPOLI9002.txt"),
  join(FIXTURES, "entities/cables/10TRIPOLI9003.txt"),
  join(FIXTURES, "public/09TRIPOLI9004.txt"),
  ...listed("server/updates"),
];

function listed(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => join(FIXTURES, dir, f));
}

/** Entities named in this many cables or more get stored co-mention lists in the archive. */
export const PROTECTED_COMENTION_MIN = 3;

/** Another set of inputs, and a change to each parsed cable after its annotations are set. */
export interface BuildOptions {
  inputs?: readonly string[];
  edit?: (file: string, cable: Cable) => void;
}

export async function buildProtectedArchive(path: string, opts: BuildOptions = {}): Promise<void> {
  const db = openArchive(path);
  try {
    for (const file of opts.inputs ?? INPUTS) {
      for await (const item of readSource(file)) {
        const p = prepareItem(item);
        if (p.kind === "rejected") throw new Error(`fixture rejected: ${p.reason}`);
        const id = p.cable.referenceId!;
        const annotations = ANNOTATIONS[id] ?? { persons: [], organizations: [], places: [] };
        Object.assign(p.cable, structuredClone(annotations));
        opts.edit?.(file, p.cable);
        writeCable(db, p.cable, { textHash: p.textHash, sourceId: p.sourceId });
      }
    }
    resolveEntities(db);
    // As an ingest's finish does: the pages and facets then read the summaries. Co-mentions are
    // stored for the entities named in three cables or more (the large ones of a real archive), counted
    // on the page for the others, so public mode is checked on both paths.
    refreshEntitySummaries(db, { comentionMin: PROTECTED_COMENTION_MIN });
  } finally {
    db.close();
  }
}

export interface ProtectedServers {
  /** `serve --public` over the archive. */
  pub: RunningServer;
  /** The same archive served locally (everything shown). */
  local: RunningServer;
  close(): Promise<void>;
}

/**
 * The protected archive built in a temp folder and served twice, public and local, on loopback:
 * what the public-mode tests compare. `extra` reaches both servers (assets for the browser tests).
 */
export async function startProtectedServers(
  prefix: string,
  extra: Partial<StartOptions> = {},
  backend: Backend = "sqlite",
  build: BuildOptions = {},
): Promise<ProtectedServers> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, "archive.db");
  await buildProtectedArchive(path, build);
  let cluster: PgCluster | null = null;
  let db = path;
  let publicDb = path;
  if (backend === "postgres") {
    // Resolved on SQLite and copied as `cablegram migrate` copies it; the public server reads
    // through the read-only role the docs tell operators to make.
    cluster = await startCluster();
    db = await cluster.createDatabase("protected");
    const source = openArchive(path, { readonly: true });
    const pg = await openPostgres(db);
    try {
      await copySqliteToPostgres(source, pg, path);
    } finally {
      source.close();
      await pg.close();
    }
    publicDb = await readerUrl(cluster, "protected");
  }
  const opts = { port: 0, host: "127.0.0.1", log: () => {}, ...extra };
  const pub = await startServer({ ...opts, db: publicDb, public: true });
  const local = await startServer({ ...opts, db });
  return {
    pub,
    local,
    async close() {
      await pub.close();
      await local.close();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The protected servers of a test file: started before its tests, closed after. The returned
 * object's `pub` and `local` are set once the first hook has run.
 */
export function protectedServersHooks(
  prefix: string,
  backend: Backend = "sqlite",
  build: BuildOptions = {},
): Omit<ProtectedServers, "close"> {
  const servers = {} as ProtectedServers;
  beforeAll(async () => {
    Object.assign(servers, await startProtectedServers(prefix, {}, backend, build));
  }, 300_000);
  afterAll(async () => {
    await servers.close?.();
  });
  return servers;
}

/** The reference ids `/api/search` gives for `q` (first 100), failing unless it answers 200. */
export async function searchHits(server: RunningServer, q: string): Promise<string[]> {
  const res = await fetch(new URL(`/api/search?q=${encodeURIComponent(q)}&limit=100`, server.url));
  expect(res.status, q).toBe(200);
  const body = (await res.json()) as { hits: { referenceId: string }[] };
  return body.hits.map((h) => h.referenceId);
}
