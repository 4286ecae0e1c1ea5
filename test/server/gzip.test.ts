import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsGzip } from "../../src/server/cache.js";
import { type FixtureServer, HOSTILE_ID, startFixtureServer } from "./fixture-server.js";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.stop();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, not fetch: fetch would offer gzip and undo it, hiding what went over the wire. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("compressed answers from the response cache", () => {
  it("sends the same page gzipped to clients that offer gzip, and plain to others", async () => {
    const path = `/cables/${HOSTILE_ID}`;
    const plain = await rawGet(path);
    const zipped = await rawGet(path, { "accept-encoding": "gzip, deflate, br" });
    const again = await rawGet(path, { "accept-encoding": "gzip" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toContain(HOSTILE_ID);
    for (const r of [zipped, again]) {
      expect(r.status).toBe(200);
      expect(r.headers["content-encoding"]).toBe("gzip");
      expect(r.headers.vary).toBe("accept-encoding");
      expect(r.body.length).toBeLessThan(plain.body.length / 2);
      expect(gunzipSync(r.body).equals(plain.body)).toBe(true);
    }
    // Two representations, two validators; each revalidates only its own.
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    const etag = String(zipped.headers.etag);
    const notModified = await rawGet(path, { "accept-encoding": "gzip", "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    const otherRepresentation = await rawGet(path, { "if-none-match": etag });
    expect(otherRepresentation.status).toBe(200);
    // The security headers hold for cached, compressed answers too.
    expect(String(again.headers["content-security-policy"])).toContain("script-src 'self'");
  });

  it("reads Accept-Encoding as RFC 9110 says", () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("identity")).toBe(false);
  });
});
