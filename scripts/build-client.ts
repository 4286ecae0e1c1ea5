/**
 * Bundles the browser side of the web UI with esbuild: the client scripts of src/server/client/
 * (cytoscape included in graph.js) and the stylesheet, minified, with content hashes in their names
 * so the server can mark them immutable, plus manifest.json (plain name → hashed name) that
 * src/server/assets.ts reads. `npm run build` runs it after tsc; tests call buildClient() into a
 * temporary folder.
 *
 *   tsx scripts/build-client.ts [OUTDIR]     (default dist/client)
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_OUTDIR = resolve(ROOT, "dist/client");

const ENTRIES = [
  "src/server/client/search.ts",
  "src/server/client/graph.ts",
  "src/server/client/reader.ts",
  "src/server/static/style.css",
  "src/server/client/analytics.ts",
  "src/server/static/analytics.css",
];

/** Builds every client file into `outdir` (emptied first); returns the manifest. */
export async function buildClient(outdir = DEFAULT_OUTDIR): Promise<Record<string, string>> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    platform: "browser",
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
  });
  const manifest: Record<string, string> = {};
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const plain = basename(meta.entryPoint).replace(/\.ts$/, ".js");
    manifest[plain] = relative(outdir, resolve(ROOT, file));
  }
  writeFileSync(resolve(outdir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTDIR;
  buildClient(outdir).then(
    (m) =>
      process.stdout.write(
        `client built into ${relative(ROOT, outdir)}: ${Object.values(m).join(", ")}\n`,
      ),
    (err: unknown) => {
      process.stderr.write(`build-client: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
