/**
 * The client scripts and the stylesheet, as built by scripts/build-client.ts into dist/client/
 * with content hashes in their names (`search-3F2A1B.js`) and a manifest.json mapping the plain
 * names to them. Read into memory once at start-up and served as immutable files: no CDN, no
 * network, nothing read from disk per request.
 */
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/** Where `npm run build` puts the client files (same place from src/server and dist/server). */
export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL("../../dist/client/", import.meta.url));

export type AssetName =
  | "search.js"
  | "graph.js"
  | "reader.js"
  | "style.css"
  | "analytics.js"
  | "analytics.css";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
}

export interface Assets {
  /** URL of a built file, or null when the client was not built. */
  url(name: AssetName): string | null;
  /** A built file by its hashed name. */
  file(name: string): StaticFile | undefined;
  /** Set when the manifest is missing: pages still work, without styles and scripts. */
  problem: string | null;
}

export const STATIC_PREFIX = "/static/";

export function loadAssets(dir: string = DEFAULT_ASSETS_DIR): Assets {
  const manifestPath = `${dir.replace(/\/?$/, "/")}manifest.json`;
  if (!existsSync(manifestPath)) {
    return {
      url: () => null,
      file: () => undefined,
      problem: `client files not built (no ${manifestPath}): run 'npm run build'`,
    };
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, string>;
  const files = new Map<string, StaticFile>();
  for (const hashed of Object.values(manifest)) {
    const body = readFileSync(`${dir.replace(/\/?$/, "/")}${hashed}`);
    files.set(hashed, { body, type: TYPES[extname(hashed)] ?? "application/octet-stream" });
  }
  return {
    url: (name) => (manifest[name] ? `${STATIC_PREFIX}${manifest[name]}` : null),
    file: (name) => files.get(name),
    problem: null,
  };
}
