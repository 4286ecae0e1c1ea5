/**
 * scripts/load-errors.ts on real autocannon runs against a real HTTP server that fails in each
 * way a server can: every kind is counted once, and a connection closed without an answer (which
 * autocannon itself reports as nothing at all) is an error, not a silent loss.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeErrors, errorKinds } from "../../scripts/load-errors.js";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/unavailable") {
      res.statusCode = 503;
      res.end("busy");
    } else if (req.url === "/missing") {
      res.statusCode = 404;
      res.end("no such page");
    } else if (req.url === "/silent") {
      // Never answers: the client's timeout.
    } else if (req.url === "/close") {
      req.socket.end();
    } else if (req.url === "/reset") {
      req.socket.resetAndDestroy();
    } else res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const CONNECTIONS = 2;

async function load(paths: string[], duration = 1) {
  let answers = 0;
  const run = autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    timeout: 1,
    requests: paths.map((path) => ({ method: "GET", path })),
  });
  run.on("response", () => {
    answers++;
  });
  const r = await run;
  return { r, answers, kinds: errorKinds(r, CONNECTIONS) };
}

describe("errors of a load run", () => {
  it("are none when every request is answered 200", async () => {
    const { r, kinds } = await load(["/"]);
    expect(r.requests.total).toBeGreaterThan(10);
    expect(kinds).toEqual({
      timeouts: 0,
      connection: 0,
      closed: 0,
      non2xx: 0,
      statuses: {},
      mismatches: 0,
      total: 0,
    });
    expect(describeErrors(kinds)).toBe("");
  });

  it("count answers that are not 2xx, by status code", async () => {
    const { r, answers, kinds } = await load(["/unavailable", "/missing"]);
    expect(kinds.non2xx).toBe(answers);
    expect(kinds.statuses["503"]! + kinds.statuses["404"]!).toBe(answers);
    expect(kinds.statuses["503"]).toBeGreaterThan(0);
    expect(kinds.total).toBe(r.requests.total);
    expect(describeErrors(kinds)).toBe(
      `${answers} not 2xx (404: ${kinds.statuses["404"]}, 503: ${kinds.statuses["503"]})`,
    );
  });

  it("count a request never answered as a timeout, once", async () => {
    const { r, kinds } = await load(["/silent"], 3);
    expect(r.timeouts).toBeGreaterThanOrEqual(CONNECTIONS);
    expect(kinds).toMatchObject({ timeouts: r.timeouts, connection: 0, closed: 0, non2xx: 0 });
    expect(kinds.total).toBe(r.timeouts);
  });

  it("count a connection reset with the request on it", async () => {
    const { kinds } = await load(["/reset"]);
    expect(kinds.connection).toBeGreaterThan(10);
    expect(kinds.total).toBe(kinds.connection + kinds.closed);
    expect(kinds.closed).toBeLessThanOrEqual(CONNECTIONS);
  });

  it("count a connection closed without an answer, which autocannon does not report", async () => {
    const { r, answers, kinds } = await load(["/close"]);
    expect(answers).toBe(0);
    // autocannon itself: no error of any kind.
    expect(r.errors + r.timeouts + r.non2xx + r.mismatches).toBe(0);
    expect(kinds.closed).toBeGreaterThan(10);
    expect(kinds.closed).toBe(r.requests.sent - CONNECTIONS);
    expect(kinds.total).toBe(kinds.closed);
    expect(describeErrors(kinds)).toBe(`${kinds.closed} closed unanswered`);
  });

  it("mix the kinds without counting one twice", async () => {
    const { r, answers, kinds } = await load(["/", "/unavailable", "/close"]);
    const ok = answers - kinds.non2xx;
    expect(ok).toBeGreaterThan(0);
    expect(kinds.non2xx).toBeGreaterThan(0);
    expect(kinds.closed).toBeGreaterThan(0);
    // Every request sent is an answer, an error, or in flight when the run stopped.
    expect(ok + kinds.total + CONNECTIONS).toBe(r.requests.sent);
  });
});
