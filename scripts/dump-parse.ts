/**
 * Whole-corpus parse dump: `npm run dump:parse -- OUT.jsonl [--root DIR]`.
 *
 * One JSON line per record of every cable in DIR/cables and page in DIR/html (default
 * ../shared/corpus), with the parsed fields and warnings but not the body: two dumps, made before
 * and after a parser change, are compared with `npm run dump:parse -- --diff OLD NEW`, which
 * counts the changed cables per field and prints the changes of one field with `--field F`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readSource } from "../src/formats/index.js";
import { parseRecord } from "../src/parse/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: "string" },
    diff: { type: "boolean" },
    field: { type: "string" },
    limit: { type: "string", default: "20" },
  },
});

type Row = Record<string, unknown> & { key: string };

function load(path: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    const row = JSON.parse(line) as Row;
    rows.set(row.key, row);
  }
  return rows;
}

function diff(oldPath: string, newPath: string): void {
  const before = load(oldPath);
  const after = load(newPath);
  const perField = new Map<string, string[]>();
  const changed = new Set<string>();
  for (const [key, a] of before) {
    const b = after.get(key);
    if (!b) {
      console.log(`missing in new: ${key}`);
      continue;
    }
    for (const f of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[f]) === JSON.stringify(b[f])) continue;
      const list = perField.get(f) ?? [];
      list.push(key);
      perField.set(f, list);
      changed.add(key);
    }
  }
  console.log(`${changed.size} of ${before.size} records changed`);
  for (const [f, keys] of [...perField].sort((x, y) => y[1].length - x[1].length)) {
    console.log(
      `  ${f.padEnd(18)} ${String(keys.length).padStart(5)}  e.g. ${keys.slice(0, 5).join(" ")}`,
    );
  }
  if (!values.field) return;
  const keys = perField.get(values.field) ?? [];
  for (const key of keys.slice(0, Number(values.limit))) {
    console.log(`\n--- ${key} ${values.field}`);
    console.log(`old: ${JSON.stringify(before.get(key)?.[values.field])}`);
    console.log(`new: ${JSON.stringify(after.get(key)?.[values.field])}`);
  }
}

async function dump(out: string): Promise<void> {
  const root = values.root ?? new URL("../../shared/corpus/", import.meta.url).pathname;
  const files = ["cables", "html"].flatMap((dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((f) => /\.(txt|html)$/.test(f))
          .sort()
          .map((f) => join(root, dir, f))
      : [],
  );
  const lines: string[] = [];
  for (const file of files) {
    let n = 0;
    for await (const item of readSource(file)) {
      const key = `${file.slice(root.length)}#${n++}`;
      if (item.kind === "error") {
        lines.push(JSON.stringify({ key, error: item.reason }));
        continue;
      }
      const { body: _body, source: _source, ...fields } = parseRecord(item);
      lines.push(JSON.stringify({ key, ...fields }));
    }
  }
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(`${files.length} files dumped to ${out}`);
}

if (values.diff) {
  const [oldPath, newPath] = positionals;
  if (!oldPath || !newPath) throw new Error("usage: dump:parse -- --diff OLD.jsonl NEW.jsonl");
  diff(oldPath, newPath);
} else {
  const [out] = positionals;
  if (!out) throw new Error("usage: dump:parse -- OUT.jsonl [--root DIR]");
  await dump(out);
}
