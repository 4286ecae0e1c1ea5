/**
 * One `serve --workers 1` process saturated by more keep-alive connections than it answers at
 * once, all opened together, each asking for search pages (cache off, so every one reaches the
 * archive) one after another. Every request must be answered, and none may wait while many
 * requests that came after it are answered: a connection opened in the burst is served in its
 * turn, not after every connection already open has been served again and again (the one accept
 * per event-loop turn of libuv ≥ 1.45 behind `npm run load`'s timeouts; src/server/turns.ts).
 * Measured in answers overtaking a request, not in milliseconds, so a busy machine does not
 * change the verdict.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { openArchive } from "../../src/store/db.js";
import { buildFixtureArchive } from "./fixture-server.js";
import { alive, type ServeProcess, startServe } from "./serve-process.js";

const CONNECTIONS = 64;
/** Each connection asks until every connection has had this many answers (or the time is up). */
const ANSWERS_EACH = 3;
const DEADLINE_MS = 20_000;
const WORDS = ["embassy", "minister", "government", "security", "president", "economic"];

let dir: string;
let db: string;
let server: ServeProcess | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-saturated-"));
  db = join(dir, "archive.db");
  await buildFixtureArchive(db);
  server = await startServe(["--db", db, "--workers", "1", "--cache-mb", "0"]);
}, 120_000);

afterAll(() => {
  if (server?.proc.pid && alive(server.proc.pid)) process.kill(-server.proc.pid, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("a saturated one-process server", () => {
  it("answers every request of a burst of connections in turn", async () => {
    const base = server!.url;
    let answered = 0;
    const statuses: number[] = [];
    /** For each request: how many answers went to others between its sending and its answer. */
    const overtaken: number[] = [];
    const answersOf = new Array<number>(CONNECTIONS).fill(0);
    const deadline = Date.now() + DEADLINE_MS;
    // Every connection keeps asking while any has fewer answers than it needs: the server stays
    // saturated for as long as the last connection of the burst waits.
    const more = () => Date.now() < deadline && answersOf.some((a) => a < ANSWERS_EACH);
    const connection = async (n: number) => {
      // One socket per agent: each is one client's keep-alive connection.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; answersOf[n]! < ANSWERS_EACH || more(); i++) {
          const word = WORDS[(n + i) % WORDS.length]!;
          const sentAt = answered;
          statuses.push(await get(agent, `${base}search?q=${word}&page=${1 + (i % 2)}`));
          overtaken.push(answered - sentAt);
          answered++;
          answersOf[n]!++;
        }
      } finally {
        agent.destroy();
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => connection(n)));

    expect(answersOf.every((a) => a >= ANSWERS_EACH)).toBe(true);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // First come, first served: a request of the burst's last connection waits while the ones
    // before it are accepted (one answer each) and then behind at most one request per other
    // connection: about 2 × CONNECTIONS answers. When every turn of the loop answers every open
    // connection and accepts one more, it waits about CONNECTIONS² / 2 (806 measured before the
    // fix, with the time up; 124 after).
    expect(Math.max(...overtaken)).toBeLessThanOrEqual(3 * CONNECTIONS);
  }, 60_000);

  it("does not render a page whose client left while it waited for its turn", async () => {
    const archive = openArchive(db, { readonly: true });
    try {
      const { app, cache } = createApp({ db: archive });
      const left = new AbortController();
      left.abort();
      const gone = await app.request("/search?q=embassy", { signal: left.signal });
      expect(gone.status).toBe(499);
      expect(cache!.size).toBe(0);
      const there = await app.request("/search?q=embassy");
      expect(there.status).toBe(200);
      expect(cache!.size).toBe(1);
    } finally {
      archive.close();
    }
  });
});
