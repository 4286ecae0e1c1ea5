/**
 * The parse of everything the project parses, as one file to diff between two trees:
 * `tsx scripts/parse-dump.ts [--root DIR] > out.jsonl`. Every mirror cable, HTML page, dump sample
 * and scraped page of ../shared/corpus and every record of data/sample/ goes through readSource +
 * parseRecord (as `cablegram parse` does), then every conformance vector through the conformance
 * harness; one JSON line per record or case, in a fixed order. `--root` loads the code of another
 * checkout (`git archive fe3595c | tar -x -C /tmp/base`), so a refactor can show its output did not
 * change: `diff <(tsx scripts/parse-dump.ts --root /tmp/base) <(tsx scripts/parse-dump.ts)`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const here = resolve(new URL("..", import.meta.url).pathname);
const root = resolve(values.root ?? here);
const shared = resolve(here, "../shared/corpus");

const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { readSource } = await load("src/formats/index.ts");
const { parseRecord } = await load("src/parse/index.ts");
const { runField, vectorFields } = await load("test/conformance/harness.ts");

/** Files under `dir`, depth first, names sorted: the same order on every machine. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => files(join(dir, name)));
}

const inputs = [
  ...["cables", "html", "dumps/html_samples", "dumps/cables_csv_sample.csv", "scraped"].flatMap(
    (d) => files(join(shared, d)),
  ),
  ...files(join(root, "data/sample")),
];

const out = process.stdout;
let records = 0;
for (const file of inputs) {
  const name = file.startsWith(shared) ? `shared/${relative(shared, file)}` : relative(root, file);
  for await (const item of readSource(file)) {
    // Paths differ between the two trees; the file's name relative to its tree does not.
    if (item.source) item.source.file = name;
    const parsed = item.kind === "record" ? parseRecord(item) : item;
    out.write(`${JSON.stringify({ input: name, parsed })}\n`);
    records++;
  }
}
let cases = 0;
for (const field of vectorFields() as string[]) {
  const report = await runField(field);
  for (const r of report.results as { index: number; actual: unknown; pass: boolean }[]) {
    out.write(
      `${JSON.stringify({ conformance: field, index: r.index, actual: r.actual, pass: r.pass })}\n`,
    );
    cases++;
  }
}
process.stderr.write(`${inputs.length} files, ${records} records, ${cases} conformance cases\n`);
