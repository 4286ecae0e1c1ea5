import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCommand } from "../../test/support/cli-output.js";
import { entitiesCommand } from "./entities.js";
import { reextractCommand } from "./reextract.js";

const dir = mkdtempSync(join(tmpdir(), "cablegram-existing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REWRITERS = [
  ["reextract", (db: string) => reextractCommand.main(["--db", db])],
  ["entities", (db: string) => entitiesCommand.main(["--db", db, "--rebuild"])],
] as const;

describe.each(REWRITERS)("cablegram %s on an archive it cannot rewrite", (name, main) => {
  it("refuses a missing file without making an empty archive there", async () => {
    const path = join(dir, `${name}-missing.db`);
    const r = await runCommand(() => main(path));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `cablegram ${name}: no archive at ${path} (create one with 'cablegram ingest', or pass --db PATH)\n`,
    );
    expect(r.stdout).toBe("");
    expect(existsSync(path)).toBe(false);
  });
});

describe("cablegram reextract on a PostgreSQL archive", () => {
  it("refuses the URL by name, without its password", async () => {
    const r = await runCommand(() =>
      reextractCommand.main(["--db", "postgres://ana:s3cret@db.example:5432/cables"]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^cablegram reextract: postgres:\/\/ana:\*+@db\.example:5432\/cables is an archive on PostgreSQL/,
    );
    expect(r.out).not.toContain("s3cret");
  });
});

// `entities --rebuild` resolves archives on PostgreSQL too (test/pg/entities.test.ts): one it
// cannot reach is named without its password.
describe("cablegram entities --rebuild on a PostgreSQL archive it cannot reach", () => {
  it("fails naming the archive, without its password", async () => {
    const r = await runCommand(() =>
      entitiesCommand.main(["--db", "postgres://ana:s3cret@127.0.0.1:1/cables", "--rebuild"]),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cablegram entities: .*postgres:\/\/ana:\*+@127\.0\.0\.1:1\/cables/);
    expect(r.out).not.toContain("s3cret");
  });
});
