/**
 * Entity output dump: `npx tsx scripts/dump-extraction.ts [--dist DIR] [--out FILE] SOURCE...`.
 *
 * Parses every record of each SOURCE (a file any reader takes — a CSV export, a cable text — or
 * a directory of them) and writes one JSON line per record with the Cable JSON `persons`,
 * `organizations` and `places`, then prints the count and the sha256 of the dump: a speed change
 * that keeps the hash over the corpus and a large synthetic run keeps the output byte for byte.
 * `--dist DIR` parses with another build (`dist/`, or a copy kept from before a change with
 * `data/`, `package.json` and `node_modules` beside it), so old and new are hashed alike.
 */
import { createHash } from "node:crypto";
import { createWriteStream, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { readSource } from "../src/formats/index.js";
import { parseRecord } from "../src/parse/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dist: { type: "string" }, out: { type: "string" } },
});
if (positionals.length === 0)
  throw new Error("usage: dump-extraction.ts [--dist DIR] [--out FILE] SOURCE...");

let read = readSource;
let parse = parseRecord;
if (values.dist) {
  const base = pathToFileURL(`${resolve(values.dist)}/`);
  read = (await import(new URL("formats/index.js", base).href)).readSource;
  parse = (await import(new URL("parse/index.js", base).href)).parseRecord;
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => /\.(txt|html|csv|jsonl?)$/.test(f))
    .sort()
    .map((f) => join(path, f));
}

const hash = createHash("sha256");
const out = values.out ? createWriteStream(values.out) : null;
let records = 0;
let errors = 0;
for (const source of positionals) {
  for (const file of files(source)) {
    for await (const item of read(file)) {
      if (item.kind !== "record") {
        errors++;
        continue;
      }
      const c = parse(item);
      const line = `${JSON.stringify({
        id: c.referenceId,
        persons: c.persons,
        organizations: c.organizations,
        places: c.places,
      })}\n`;
      hash.update(line);
      out?.write(line);
      records++;
    }
  }
}
out?.end();
console.log(`records ${records} errors ${errors} sha256 ${hash.digest("hex")}`);
