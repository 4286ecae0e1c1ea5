import { readFile } from "node:fs/promises";
import type { FormatName } from "../model/cable.js";
import type { ReadItem } from "./record.js";

// PLACEHOLDER (owner: formats/normalize helper): format detection and streaming readers.

export interface ReadOptions {
  /** Force a format instead of detecting it. */
  format?: FormatName;
}

export async function* readSource(path: string, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const body = await readFile(path, "utf8");
  yield {
    kind: "record",
    source: { format: opts.format ?? "raw", file: path, offset: 0, line: 1 },
    metadata: {},
    header: null,
    body,
    warnings: [],
  };
}
