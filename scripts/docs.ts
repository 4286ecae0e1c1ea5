/**
 * Writes the documents generated from the code's single sources: the README command table (from
 * the CLI command table) and, below, the JSON documents. `test/docs.test.ts` fails when a
 * checked-in copy differs from what this script would write, so run `npm run docs` after changing
 * a command, a schema or a route.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generatedJson, readmeWithCommands } from "./docs-sources.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const written: string[] = [];
for (const [path, value] of Object.entries(generatedJson())) {
  writeFileSync(root + path, `${JSON.stringify(value, null, 2)}\n`);
  written.push(path);
}
const readme = readFileSync(`${root}README.md`, "utf8");
writeFileSync(`${root}README.md`, readmeWithCommands(readme));
written.push("README.md");
// Biome owns the layout of checked-in files; the test compares content, not whitespace.
execFileSync("npx", ["biome", "format", "--write", ...written], { cwd: root, stdio: "inherit" });
process.stdout.write(`wrote ${written.join(", ")}\n`);
