/**
 * The input formats, each in one place: its name (the contract's `source.format`), what it is,
 * how its content is recognised, which file extensions it goes by, and its reader. Detection,
 * `readBytes`, the CLI's `--format` choices and the extensions ingest picks up in a folder all
 * come from this table; the names themselves are the contract's vocabulary (FORMAT_NAMES in
 * src/model/cable.ts, the schema's enum), and the table's type demands one reader per name.
 */
import type { FormatName } from "../model/cable.js";
import { CableCsvParser, type CsvOptions, readCsv } from "./csv.js";
import { readHtml } from "./html.js";
import { readMirror } from "./mirror.js";
import { readRaw } from "./raw.js";
import type { ReadItem } from "./record.js";
import { readScraped } from "./scraped.js";
import {
  CSV_ROW_START,
  HTML_START,
  hasCableTable,
  looksLikeMirror,
  type Probe,
  probe,
  SCRAPED_DEBRIS,
} from "./sniff.js";

export interface Reader {
  name: FormatName;
  /** One line for `--help` and docs. */
  description: string;
  /** Content that is conclusive whatever the file is called (downloads are often misnamed). */
  sniff?: (p: Probe) => boolean;
  /** Extensions (lower case, no dot) that decide when no content was conclusive. */
  extensions: readonly string[];
  /** Weaker content evidence, weighed after the extensions of the formats listed before it. */
  hint?: (p: Probe) => boolean;
  /** The records of a whole file's bytes. */
  read: (bytes: Uint8Array, file: string, opts: CsvOptions) => ReadItem[];
  /** Many records, read as a stream (a cables.csv can be gigabytes): no whole-file bound. */
  stream?: (
    chunks: AsyncIterable<Uint8Array>,
    file: string,
    opts: CsvOptions,
  ) => AsyncGenerator<ReadItem>;
}

/** In the order detection tries them; `raw` is what anything else is read as. */
export const READERS: { readonly [K in FormatName]: Reader & { name: K } } = {
  csv: {
    name: "csv",
    description: "the Cablegate cables.csv (docs/cable-format.md §6.1)",
    sniff: (p) => CSV_ROW_START.test(p.head),
    extensions: ["csv"],
    read: (bytes, file, opts) => {
      const parser = new CableCsvParser(file, opts);
      return [...parser.push(bytes), ...parser.end()];
    },
    stream: readCsv,
  },
  html: {
    name: "html",
    description: "a WikiLeaks cable page (§6.2), also saved without its preamble",
    sniff: (p) => HTML_START.test(p.head) || hasCableTable(p.bytes),
    extensions: ["html", "htm", "xhtml"],
    read: (bytes, file) => [readHtml(bytes, file)],
  },
  mirror: {
    name: "mirror",
    description: "a text mirror file: id, subject, date, origin, classification, then the text",
    sniff: (p) => !p.utf16 && looksLikeMirror(p.bytes),
    extensions: [],
    read: (bytes, file) => [readMirror(bytes, file)],
  },
  scraped: {
    name: "scraped",
    description: "a cable page converted to markdown or text by a scraper",
    extensions: ["md", "markdown"],
    hint: (p) => SCRAPED_DEBRIS.test(p.head),
    read: (bytes, file) => [readScraped(bytes, file)],
  },
  raw: {
    name: "raw",
    description: "a telegram as plain text, with or without its header",
    extensions: ["", "txt", "text"],
    read: (bytes, file) => [readRaw(bytes, file)],
  },
};

const ORDER = Object.values(READERS) as Reader[];

/** The format names, for `--format` choices. */
export const READER_NAMES = Object.keys(READERS) as FormatName[];

/** Every extension a reader goes by (`.txt`, `.html`...): the files ingest takes from a folder. */
export const READER_EXTENSIONS: ReadonlySet<string> = new Set(
  ORDER.flatMap((r) => r.extensions.map((e) => (e ? `.${e}` : ""))),
);

/** Detect the format of a source from its first bytes and its name. */
export function detectFormat(prefix: Uint8Array, name: string): FormatName {
  const p = probe(prefix, name);
  for (const r of ORDER) if (r.sniff?.(p)) return r.name;
  for (const r of ORDER) if (r.extensions.includes(p.ext) || r.hint?.(p)) return r.name;
  return "raw";
}
