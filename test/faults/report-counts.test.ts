import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestError, type IngestReport, ingest } from "../../src/ingest/index.js";
import { assertCountsAddUp, emptyReport } from "../../src/ingest/report.js";
import { openArchive } from "../../src/store/db.js";
import {
  BIN,
  cablegramAsync,
  copyInto,
  ensureBuilt,
  ROOT,
  removeTempDirs,
  sampleCables,
  tempDir,
} from "./harness.js";

/**
 * The report's arithmetic: `records = new + newVersions + unchanged + rejected` (+ `unwritten`
 * when a run stops early). ingest() checks it at the end of every run, on every way out
 * (assertCountsAddUp in src/ingest/index.ts), so every ingest the suite runs asserts it; these
 * tests show the check is real and drive each kind of input through it: stored, unchanged, a new
 * version, rejected records, paths that do not exist, dangling links, and a folder and a file that
 * cannot be read (made unreadable for an unprivileged user; as root the CLI runs as `nobody`).
 */

beforeAll(ensureBuilt, 300_000);
afterAll(removeTempDirs);

const NOBODY = "setpriv --reuid=65534 --regid=65534 --clear-groups";

/** What the CLI reads when it runs from `root` (the first one `nobody` cannot read), or null. */
function unreachableByNobody(root: string): string | null {
  const needed = [
    process.execPath,
    join(root, "bin/cablegram"),
    join(root, "dist/cli/main.js"),
    join(root, "node_modules/better-sqlite3/package.json"),
    join(root, "src/store/migrations"),
  ];
  const probe = spawnSync(
    "sh",
    [
      "-c",
      `${NOBODY} sh -c 'for p; do test -r "$p" || { echo "$p"; exit 1; }; done' sh "$@"`,
      "sh",
      ...needed,
    ],
    { encoding: "utf8" },
  );
  if (probe.status === 0) return null;
  return probe.stdout.trim() || probe.stderr.trim() || `setpriv exited with ${probe.status}`;
}

/**
 * Where `nobody` can run the CLI from: this checkout, or else (a clone inside a 0700 folder, as
 * `mktemp -d` makes) a hard-linked copy of it in a folder everyone may enter; the copy is listed
 * for removal. Fails, saying exactly why, when neither works: then the test could not tell a real
 * failure of the code from a checkout the unprivileged user cannot read.
 */
function checkoutForNobody(): { bin: string; cleanup: () => void } {
  const blocked = unreachableByNobody(ROOT);
  if (blocked === null) return { bin: BIN, cleanup: () => {} };
  const copy = mkdtempSync(join(tmpdir(), "cg-nobody-checkout-"));
  chmodSync(copy, 0o755);
  const cleanup = () => rmSync(copy, { recursive: true, force: true });
  const entries = readdirSync(ROOT).filter((e) => e !== ".git");
  const cp = spawnSync("cp", ["-al", ...entries.map((e) => join(ROOT, e)), copy], {
    encoding: "utf8",
  });
  const still = cp.status === 0 ? unreachableByNobody(copy) : null;
  if (cp.status !== 0 || still !== null) {
    cleanup();
    throw new Error(
      `the unprivileged user (nobody, uid 65534) cannot read ${blocked}, so it cannot run the CLI from this checkout (${ROOT}), and ${
        cp.status !== 0
          ? `a hard-linked copy of the checkout in ${tmpdir()} failed: ${cp.stderr.trim()}`
          : `cannot read ${still} in a hard-linked copy of it either`
      }. This test needs a checkout (and a node binary) that nobody can read: clone into a folder others may enter (chmod o+x on every parent folder).`,
    );
  }
  return { bin: join(copy, "bin/cablegram"), cleanup };
}

function addsUp(r: IngestReport): void {
  expect(r.records).toBe(r.new + r.newVersions + r.unchanged + r.rejected + r.unwritten);
}

describe("report arithmetic", () => {
  it("is checked: a report that does not add up fails the run loudly", () => {
    const report = emptyReport("a.db", [], 0);
    report.records = 2;
    report.new = 1;
    report.rejected = 2;
    expect(() => assertCountsAddUp(report)).toThrow(
      /records 2 ≠ new 1 \+ versions 0 \+ unchanged 0 \+ rejected 2/,
    );
    report.records = 3;
    expect(() => assertCountsAddUp(report)).not.toThrow();
    report.unwritten = -1;
    report.records = 2;
    expect(() => assertCountsAddUp(report)).toThrow(/negative/);
  });

  it("adds up for stored, unchanged, versions, rejected, missing and dangling paths", async () => {
    const root = tempDir("counts");
    const tree = join(root, "tree");
    mkdirSync(tree);
    const [a, b, c] = copyInto(tree, sampleCables(3));
    writeFileSync(join(tree, "junk.txt"), Buffer.from([1, 2, 0, 0, 3, 4, 0, 5]));
    writeFileSync(join(tree, "empty.txt"), "");
    symlinkSync(join(root, "nowhere"), join(tree, "dangling.txt"));
    const db = openArchive(join(root, "a.db"));

    const first = await ingest(db, [tree, join(root, "missing.txt")], { workers: 0 });
    addsUp(first);
    expect(first).toMatchObject({ records: 7, new: 3, unchanged: 0, rejected: 4, unwritten: 0 });

    writeFileSync(c!, readFileSync(c!, "utf8").replace(/\n\n/, "\n\nA LINE ADDED.\n\n"));
    const second = await ingest(db, [a!, b!, c!], { workers: 1 });
    addsUp(second);
    expect(second).toMatchObject({ records: 3, new: 0, newVersions: 1, unchanged: 2, rejected: 0 });
    db.close();
  });

  it("adds up when a run is stopped part way (Ctrl-C)", async () => {
    const root = tempDir("stopped");
    const tree = join(root, "tree");
    mkdirSync(tree);
    copyInto(tree, sampleCables(40));
    const db = openArchive(join(root, "a.db"));
    const abort = new AbortController();
    const run = ingest(db, [tree], {
      workers: 0,
      batchSize: 5,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.records >= 10) abort.abort();
      },
    });
    const err = (await run.catch((e: unknown) => e)) as IngestError;
    expect(err).toBeInstanceOf(IngestError);
    expect(err.report.status).toBe("interrupted");
    addsUp(err.report);
    expect(err.report.new).toBeGreaterThanOrEqual(10);
    expect(err.report.new).toBeLessThan(40);
    db.close();
  });

  it("adds up with a folder and a file that cannot be read (the CLI, unprivileged)", async () => {
    const root = tempDir("unreadable");
    chmodSync(root, 0o777);
    const tree = join(root, "tree");
    mkdirSync(join(tree, "closed"), { recursive: true });
    const [readable, locked] = copyInto(tree, sampleCables(2));
    copyInto(join(tree, "closed"), sampleCables(4).slice(2));
    chmodSync(tree, 0o755);
    chmodSync(readable!, 0o644);
    chmodSync(locked!, 0o000);
    chmodSync(join(tree, "closed"), 0o000);
    const reportPath = join(root, "report.json");
    const asRoot = process.getuid?.() === 0;
    // Root reads everything whatever the mode: run the CLI as nobody to make the folder unreadable.
    const checkout = asRoot ? checkoutForNobody() : { bin: BIN, cleanup: () => {} };
    let run: Awaited<ReturnType<typeof cablegramAsync>>;
    try {
      run = await cablegramAsync(
        ["ingest", tree, "--db", join(root, "a.db"), "--report", reportPath],
        asRoot ? { prefix: `exec ${NOBODY}`, bin: checkout.bin } : {},
      );
    } finally {
      checkout.cleanup();
    }
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as IngestReport;
    addsUp(report);
    expect(report).toMatchObject({ records: 3, new: 1, rejected: 2, status: "finished" });
    const reasons = Object.fromEntries(report.rejections.map((r) => [r.file, r.reason]));
    expect(reasons[join(tree, "closed")]).toMatch(/cannot list the folder/);
    expect(reasons[locked!]).toMatch(/permission denied/);
  }, 120_000);
});
