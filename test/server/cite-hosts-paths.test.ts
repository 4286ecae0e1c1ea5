/**
 * Citing and safety over real HTTP (issue 11, items 11–13): citations built from the configured
 * base URL whatever the Host header says, in BibTeX, CSL-JSON and RIS; the Host allow-list that
 * stops DNS rebinding; and public mode showing base names, never the server's paths.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "./fixture-server.js";

const BASE = "https://cables.example.org/archive";

let server: FixtureServer;
let open: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    public: true,
    baseUrl: BASE,
    allowedHosts: ["cablegram.test"],
  });
  open = await startFixtureServer();
});
afterAll(async () => {
  await server?.stop();
  await open?.stop();
});

/** A GET with a Host header of our choosing (fetch would send the URL's). */
function getWithHost(
  base: string,
  path: string,
  host: string | null,
): Promise<{ status: number; body: string; type: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers,
        setHost: host !== null,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body, type: String(res.headers["content-type"]) }),
        );
      },
    );
    if (host !== null) req.setHeader("host", host);
    req.on("error", reject);
    req.end();
  });
}

describe("cite this (item 11)", () => {
  it("builds the permalink from the base URL, never from the Host header", async () => {
    for (const host of ["localhost", "cablegram.test", "cables.example.org"]) {
      const r = await getWithHost(server.url, "/cables/08TRIPOLI227", host);
      expect(r.status, host).toBe(200);
      expect(r.body).toContain(`${BASE}/cables/08TRIPOLI227`);
      expect(r.body).not.toMatch(/https?:\/\/(localhost|cablegram\.test|127\.0\.0\.1)[:/]/);
    }
  });

  it("defaults the base URL to the listening address", async () => {
    const r = await open.get("/cables/08TRIPOLI227");
    expect(await r.text()).toContain(`${open.url}cables/08TRIPOLI227`);
  });

  it("exports one cable as BibTeX, CSL-JSON and RIS", async () => {
    const bib = await server.get("/cables/08TRIPOLI227/cite?format=bibtex");
    expect(bib.status).toBe(200);
    expect(bib.headers.get("content-type")).toContain("application/x-bibtex");
    expect(bib.headers.get("content-disposition")).toMatch(/filename="08TRIPOLI227\.bib"/);
    const bibText = await bib.text();
    expect(bibText).toMatch(/^@misc\{08TRIPOLI227,/);
    expect(bibText).toContain(`url = {${BASE}/cables/08TRIPOLI227}`);
    expect(bibText).toMatch(/year = \{2008\}/);

    const csl = await server.get("/cables/08TRIPOLI227/cite?format=csl");
    expect(csl.headers.get("content-type")).toContain("application/vnd.citationstyles.csl+json");
    const items = (await csl.json()) as {
      id: string;
      type: string;
      title: string;
      URL: string;
      issued: { "date-parts": number[][] };
      author: { literal: string }[];
    }[];
    expect(items).toHaveLength(1);
    expect(items[0]!.type).toBe("document");
    expect(items[0]!.URL).toBe(`${BASE}/cables/08TRIPOLI227`);
    expect(items[0]!.issued["date-parts"][0]![0]).toBe(2008);
    expect(items[0]!.author[0]!.literal).toBe("Embassy Tripoli");

    const ris = await (await server.get("/cables/08TRIPOLI227/cite?format=ris")).text();
    expect(ris.split("\r\n")[0]).toBe("TY  - GEN");
    expect(ris).toContain(`UR  - ${BASE}/cables/08TRIPOLI227`);
    expect(ris).toMatch(/PY {2}- 2008\r\n/);
    expect(ris.trimEnd().endsWith("ER  -")).toBe(true);
  });

  it("cites a paragraph with its anchor", async () => {
    const ris = await (await server.get("/cables/08TRIPOLI227/cite?format=ris&p=2")).text();
    expect(ris).toContain(`UR  - ${BASE}/cables/08TRIPOLI227#p2`);
    expect(ris).toMatch(/TI {2}- .*, ¶2\r\n/);
  });

  it("cites a whole result list", async () => {
    const r = await server.get("/api/cite?q=tripoli&format=bibtex");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toMatch(
      /filename="cablegram-tripoli-\d{4}-\d{2}-\d{2}\.bib"/,
    );
    const text = await r.text();
    const search = (await (await server.get("/api/search?q=tripoli&limit=100")).json()) as {
      total: number;
    };
    expect(text.match(/^@misc\{/gm)?.length).toBe(search.total);
  });

  it("refuses a bad format or paragraph with a 400", async () => {
    for (const path of [
      "/cables/08TRIPOLI227/cite?format=endnote",
      "/cables/08TRIPOLI227/cite?format=ris&p=x",
      "/api/cite?q=(&format=ris",
    ]) {
      const r = await server.get(path);
      expect(r.status, path).toBe(400);
    }
  });
});

describe("Host allow-list (item 12)", () => {
  it("answers loopback names and the names it was given", async () => {
    for (const host of [
      "127.0.0.1",
      "localhost",
      "LOCALHOST:8080",
      "[::1]:9",
      "cablegram.test",
      "cables.example.org",
    ]) {
      const r = await getWithHost(server.url, "/api/stats", host);
      expect(r.status, host).toBe(200);
    }
  });

  it("refuses any other Host with 421, on every route, before any work", async () => {
    for (const path of ["/", "/api/stats", "/cables/08TRIPOLI227", "/api/search?q=x", "/nope"]) {
      const r = await getWithHost(open.url, path, "evil.example.com");
      expect(r.status, path).toBe(421);
      expect(r.body).toContain("evil.example.com");
      expect(r.body).not.toContain("08TRIPOLI227");
    }
  });

  it("refuses a malformed Host with 400", async () => {
    const r = await getWithHost(open.url, "/api/stats", "a b/c");
    expect(r.status).toBe(400);
  });
});

describe("no server paths in public mode (item 13)", () => {
  const pathLike = /\/(tmp|home|srv|var|work)\/|[A-Za-z]:\\/;

  it("shows base names in the API's versions and source", async () => {
    const r = (await (await server.get("/api/cables/08TRIPOLI564")).json()) as {
      source?: { file: string };
      versions: { source: { file: string } }[];
    };
    expect(r.versions.length).toBe(2);
    for (const v of r.versions) {
      expect(v.source.file).toBe("08TRIPOLI564.txt");
    }
    if (r.source) expect(r.source.file).toBe("08TRIPOLI564.txt");
    // Outside public mode the path is the operator's to see.
    const own = (await (await open.get("/api/cables/08TRIPOLI564")).json()) as {
      versions: { source: { file: string } }[];
    };
    expect(own.versions[0]!.source.file).toMatch(pathLike);
  });

  it("keeps paths out of the JSONL export and the reader's versions list", async () => {
    const jsonl = await (await server.get("/api/export?q=tripoli&format=jsonl")).text();
    expect(jsonl.length).toBeGreaterThan(0);
    expect(jsonl).not.toMatch(pathLike);
    const page = await (await server.get("/cables/08TRIPOLI564")).text();
    expect(page).toContain("08TRIPOLI564.txt");
    expect(page).not.toMatch(pathLike);
    const json = await (await server.get("/cables/08TRIPOLI564?format=json")).text();
    expect(json).not.toMatch(pathLike);
  });
});
