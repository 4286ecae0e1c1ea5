/**
 * The read-only role of docs/server-mode.md ("Roles"), made by running the SQL the docs give: the
 * read commands work through it and answer as the owner's connection does; an ingest and any
 * write through it fail and change nothing; `assertReadOnlyRole` (what a public server checks
 * before it answers) accepts it and refuses the owner.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { assertReadOnlyRole } from "../../src/store/postgres/roles.js";
import { ensureBuilt } from "../faults/harness.js";
import { type PgCluster, postgresAvailable, startCluster } from "../support/pg-cluster.js";
import { rolesSql } from "../support/pg-reader.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "bin/cablegram");
const run = postgresAvailable("the read-only role test");
const READER_PASSWORD = "reader-pw-9f3k";

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, CABLEGRAM_DB: "", CABLEGRAM_DB_READ: "" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!run)("a read-only role", () => {
  let cluster: PgCluster;
  let url: string;
  let readerUrl: string;

  beforeAll(async () => {
    await ensureBuilt();
    cluster = await startCluster();
    url = await cluster.createDatabase("archive");
    const ingest = cli(["ingest", join(ROOT, "data/sample/text"), "--db", url, "--workers", "0"]);
    expect(ingest.code, ingest.err).toBe(0);
    const owner = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await owner.unsafe(rolesSql("archive", cluster.user, READER_PASSWORD));
    } finally {
      await owner.end();
    }
    readerUrl = `postgres://reader:${READER_PASSWORD}@127.0.0.1:${cluster.port}/archive`;
  }, 300_000);

  afterAll(() => cluster?.stop());

  it("reads as the owner does", () => {
    for (const args of [
      ["stats", "--json"],
      ["search", "the", "--json", "--facets"],
      ["export", "", "--format", "jsonl"],
    ]) {
      const mine = cli([...args, "--db", url]);
      const theirs = cli([...args, "--db", readerUrl]);
      expect(theirs.code, theirs.err).toBe(0);
      const strip = (s: string) => s.replace(/"bytes":\d+/, "");
      expect(strip(theirs.out)).toEqual(strip(mine.out));
    }
  });

  it("cannot write, through the CLI or its own connection", async () => {
    const before = cli(["stats", "--json", "--db", url]).out;
    const ingest = cli([
      "ingest",
      join(ROOT, "data/sample/html"),
      "--db",
      readerUrl,
      "--workers",
      "0",
    ]);
    expect(ingest.code).not.toBe(0);
    expect(ingest.err).toMatch(/permission denied|read-only transaction/);
    expect(ingest.err).not.toContain(READER_PASSWORD);
    const reader = postgres(readerUrl, { max: 1, onnotice: () => {} });
    try {
      // Even with read-only transactions switched off, the grants refuse every write.
      await reader`SET default_transaction_read_only = off`;
      await expect(reader`DELETE FROM cables`).rejects.toThrow(/permission denied/);
      await expect(reader`UPDATE versions SET released = NULL`).rejects.toThrow(
        /permission denied/,
      );
      await expect(reader`INSERT INTO ingest_runs (started_at) VALUES ('x')`).rejects.toThrow(
        /permission denied/,
      );
      await expect(reader`DROP TABLE paragraphs`).rejects.toThrow(/must be owner/);
      await expect(reader`TRUNCATE tags`).rejects.toThrow(/permission denied/);
    } finally {
      await reader.end();
    }
    expect(cli(["stats", "--json", "--db", url]).out.replace(/"bytes":\d+/, "")).toEqual(
      before.replace(/"bytes":\d+/, ""),
    );
  });

  it("is what a public reader requires", async () => {
    const reader = await openPostgres(readerUrl, { readonly: true });
    const owner = await openPostgres(url, { readonly: true });
    try {
      await expect(assertReadOnlyRole(reader)).resolves.toBeUndefined();
      await expect(assertReadOnlyRole(owner)).rejects.toThrow(
        /role cablegram_test is a superuser; a public reader must connect with a read-only role/,
      );
      // A readonly connection cannot write even as the owner.
      await expect(owner.sql`DELETE FROM tags`).rejects.toThrow(/read-only transaction/);
    } finally {
      await reader.close();
      await owner.close();
    }
  });
});
