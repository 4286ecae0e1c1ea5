/**
 * `cablegram serve --workers N` as it runs for real: the compiled CLI, a primary and its worker
 * processes on one port, plain HTTP. Every worker opens the archive read-only, answers with the
 * host allow-list and public mode, is replaced when it dies, sees an ingest beside it one whole
 * batch at a time; Ctrl-C, SIGTERM and a killed primary leave no worker behind.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { serveCommand } from "../../src/cli/serve.js";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { fold, significantWords } from "../../src/store/entity-names.js";
import { buildProtectedArchive, PROTECTED } from "../entities/protected-archive.js";
import { MIRROR } from "../faults/harness.js";
import { buildFixtureArchive } from "./fixture-server.js";
import {
  alive,
  childrenOf,
  get,
  opensReadOnly,
  type ServeProcess,
  startServe,
  waitFor,
} from "./serve-process.js";

let dir: string;
let fixture: string;
const started: ServeProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-workers-"));
  fixture = join(dir, "archive.db");
  await buildFixtureArchive(fixture);
}, 120_000);

afterAll(() => {
  for (const s of started)
    if (s.proc.pid && alive(s.proc.pid)) process.kill(-s.proc.pid, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<ServeProcess> {
  const s = await startServe(args);
  started.push(s);
  return s;
}

/** `worker N (pid P) listening` lines of the primary's log, as [N, P]. */
function listening(log: string): [number, number][] {
  return [...log.matchAll(/^worker (\d+) \(pid (\d+)\) listening at /gm)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe("serve --workers 2", () => {
  it("answers on one port from two read-only workers, replaces a dead one, stops on SIGTERM", async () => {
    const s = await serve(["--db", fixture, "--workers", "2"]);
    expect(s.stdout()).toMatch(/with 2 worker processes/);
    const pid = s.proc.pid!;
    const workers = childrenOf(pid);
    expect(workers).toHaveLength(2);
    expect(
      listening(s.stderr())
        .map(([, p]) => p)
        .sort(),
    ).toEqual([...workers].sort());
    for (const w of workers) expect(opensReadOnly(w, fixture)).toBe(true);

    // Fresh connections go to the workers in turn: every answer is the same and whole.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => get(`${s.url}api/search?q=tripoli&limit=50`)),
    );
    const totals = answers.map((a) => {
      expect(a.status).toBe(200);
      return (JSON.parse(a.body) as { total: number }).total;
    });
    expect(new Set(totals).size).toBe(1);
    expect(totals[0]).toBeGreaterThan(0);
    // The host allow-list holds in every worker.
    for (let i = 0; i < 6; i++) {
      expect((await get(`${s.url}`, { host: "evil.example" })).status).toBe(421);
    }

    // A worker that dies is logged with its number and replaced; the port keeps answering.
    const [dead, survivor] = workers as [number, number];
    process.kill(dead, "SIGKILL");
    await waitFor(() => /was killed \(SIGKILL\); starting a replacement/.test(s.stderr()));
    await waitFor(() => listening(s.stderr()).length === 3);
    const replacement = listening(s.stderr())[2]![1];
    expect(s.stderr()).toMatch(new RegExp(`^worker \\d \\(pid ${dead}\\) was killed`, "m"));
    expect(childrenOf(pid).sort()).toEqual([survivor, replacement].sort());
    for (let i = 0; i < 4; i++) expect((await get(`${s.url}api/stats`)).status).toBe(200);

    process.kill(pid, "SIGTERM");
    expect(await s.exited).toBe(0);
    expect(alive(survivor)).toBe(false);
    expect(alive(replacement)).toBe(false);
  }, 180_000);

  it("stops every process on Ctrl-C (SIGINT to the process group)", async () => {
    const s = await serve(["--db", fixture, "--workers", "2"]);
    const workers = childrenOf(s.proc.pid!);
    expect(workers).toHaveLength(2);
    process.kill(-s.proc.pid!, "SIGINT");
    expect(await s.exited).toBe(0);
    await waitFor(() => workers.every((w) => !alive(w)), 10_000);
  }, 120_000);

  it("leaves no orphan when the primary is killed outright", async () => {
    const s = await serve(["--db", fixture, "--workers", "2"]);
    const workers = childrenOf(s.proc.pid!);
    expect(workers).toHaveLength(2);
    process.kill(s.proc.pid!, "SIGKILL");
    await s.exited;
    await waitFor(() => workers.every((w) => !alive(w)), 15_000);
  }, 120_000);

  it("refuses a worker count out of range", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await serveCommand.main(["--workers", "0"])).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/--workers takes a whole number from 1/);
    } finally {
      err.mockRestore();
    }
  });
});

describe("serve --public --workers 2", () => {
  it("masks protected names in every worker and opens the archive read-only", async () => {
    const path = join(dir, "protected.db");
    await buildProtectedArchive(path);
    const pub = await serve(["--db", path, "--workers", "2", "--public"]);
    const local = await serve(["--db", path, "--workers", "2"]);
    for (const w of childrenOf(pub.proc.pid!)) expect(opensReadOnly(w, path)).toBe(true);
    const cables = [...new Set(PROTECTED.map((p) => p.cable))];
    expect(cables.length).toBeGreaterThan(0);
    for (const cable of cables) {
      const words = PROTECTED.filter((p) => p.cable === cable).flatMap((p) =>
        significantWords(p.forms),
      );
      // Locally the names are there, so their absence in public mode means something.
      const shown = fold((await get(`${local.url}api/cables/${cable}`)).body);
      expect(words.some((w) => shown.includes(w))).toBe(true);
      for (let i = 0; i < 4; i++) {
        const r = await get(`${pub.url}api/cables/${cable}`);
        expect(r.status).toBe(200);
        const folded = fold(r.body);
        for (const w of words) expect(folded.includes(w), `${cable}: ${w}`).toBe(false);
      }
    }
    process.kill(pub.proc.pid!, "SIGTERM");
    process.kill(local.proc.pid!, "SIGTERM");
    expect(await pub.exited).toBe(0);
    expect(await local.exited).toBe(0);
  }, 180_000);
});

describe("ingest beside serve --workers 2", () => {
  it("shows readers whole batches only", async () => {
    const path = join(dir, "growing.db");
    cpSync(fixture, path);
    const inputs = join(dir, "more");
    mkdirSync(inputs);
    for (const f of readdirSync(MIRROR).sort().slice(0, 120))
      cpSync(join(MIRROR, f), join(inputs, f));
    const s = await serve(["--db", path, "--workers", "2", "--cache-mb", "0"]);
    const count = async () =>
      (JSON.parse((await get(`${s.url}api/stats`)).body) as { cables: number }).cables;
    const before = await count();

    const db = openArchive(path);
    const committed = new Set([before]);
    const seen: number[] = [];
    let done = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!done) seen.push(await count());
    });
    try {
      await ingest(db, [inputs], {
        // Parsing on a thread leaves this event loop free for the readers between batches.
        workers: 1,
        batchSize: 5,
        onProgress: () => {
          committed.add(db.prepare<[], number>("SELECT count(*) FROM cables").pluck().get() ?? -1);
        },
      });
    } finally {
      done = true;
      await Promise.all(readers);
      db.close();
    }
    seen.push(await count());
    // Every count a reader saw is one a batch left behind, and they saw the archive grow.
    for (const n of seen) expect(committed.has(n), `count ${n}`).toBe(true);
    expect(new Set(seen).size).toBeGreaterThan(2);
    expect(Math.max(...seen)).toBe(Math.max(...committed));
    expect(Math.max(...committed)).toBeGreaterThan(before + 50);
    process.kill(s.proc.pid!, "SIGTERM");
    expect(await s.exited).toBe(0);
  }, 240_000);
});
