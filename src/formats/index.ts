import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import type { FormatName } from "../model/cable.js";
import type { CsvOptions } from "./csv.js";
import { detectFormat, READERS } from "./readers.js";
import type { ReadError, ReadItem } from "./record.js";
import { binaryOffset, SNIFF_BYTES } from "./sniff.js";
import { textBytes, utf16ChunksToUtf8, utf16Layout, utf16Warning } from "./text-bytes.js";

/**
 * Entry points of the readers: a path or a stream in, RawRecords and ReadErrors out, the format
 * detected unless forced. Only cables.csv holds many cables and can be gigabytes; it is streamed.
 * Every other format is one cable per file and is read whole, up to a bound.
 */

export { CableCsvParser, readCsv } from "./csv.js";
export { readHtml } from "./html.js";
export { readMirror } from "./mirror.js";
export { readRaw } from "./raw.js";
export { detectFormat, READER_EXTENSIONS, READER_NAMES, READERS, type Reader } from "./readers.js";
export type { RawMetadata, RawRecord, ReadError, ReadItem } from "./record.js";
export { readScraped } from "./scraped.js";

export interface ReadOptions extends CsvOptions {
  /** Force a format instead of detecting it. */
  format?: FormatName;
}

/** Files up to this size are read in one call (fast for the common 7 KB cable). */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
/** A single-cable file larger than this is not a cable; refuse it rather than exhaust memory. */
export const MAX_SINGLE_RECORD_BYTES = 64 * 1024 * 1024;
const STREAM_CHUNK = 1024 * 1024;

function errorItem(file: string, format: FormatName, reason: string, offset = 0, line = 1) {
  const error: ReadError = { kind: "error", source: { format, file, offset, line }, reason };
  return error;
}

function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "ENOENT") return "no such file";
  if (e?.code === "EACCES") return "permission denied";
  if (e?.code === "EISDIR") return "is a directory, not a file";
  return `cannot read: ${e instanceof Error ? e.message : String(err)}`;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function hasText(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return true;
  }
  return false;
}

/**
 * A whole file's bytes → its records (all formats; CSV through the same streaming parser). UTF-16
 * and stray NULs are repaired first (src/formats/text-bytes.ts), with a warning on each record.
 */
export function readBytes(input: Uint8Array, file: string, opts: ReadOptions = {}): ReadItem[] {
  const { bytes, warnings } = textBytes(input);
  const items = readTextBytes(bytes, file, opts);
  return warnings.length > 0 ? withWarnings(items, warnings) : items;
}

function withWarnings(items: ReadItem[], warnings: readonly string[]): ReadItem[] {
  for (const item of items) if (item.kind === "record") item.warnings.unshift(...warnings);
  return items;
}

function readTextBytes(bytes: Uint8Array, file: string, opts: ReadOptions): ReadItem[] {
  const format = opts.format ?? detectFormat(bytes.subarray(0, SNIFF_BYTES), file);
  if (bytes.length === 0) return [errorItem(file, format, "empty file")];
  if (!hasText(bytes)) return [errorItem(file, format, "empty file (only whitespace)")];
  const reader = READERS[format];
  // A table of many records reports its damaged rows itself; one cable of binary is refused whole.
  if (!reader.stream) {
    const bad = binaryOffset(bytes.subarray(0, SNIFF_BYTES));
    if (bad >= 0) {
      const reason = `binary data, not cable text (control byte 0x${bytes[bad]!.toString(16).padStart(2, "0")})`;
      return [errorItem(file, format, reason, bad, lineOf(bytes, bad))];
    }
  }
  return reader.read(bytes, file, opts);
}

/**
 * A file of at most WHOLE_FILE_BYTES, read in one go; `bytes: null` for a larger one. Synchronous
 * on purpose: for a 7 KB cable, open/fstat/read cost about a tenth of the CPU of fs.promises,
 * which matters at thousands of files per second, and the file is wanted whole anyway.
 */
function readSmallFile(path: string): { bytes: Buffer | null } | { error: string } {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    return { error: ioReason(err) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { error: "is a directory, not a file" };
    if (st.size > WHOLE_FILE_BYTES) return { bytes: null };
    const bytes = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, bytes, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: got === st.size ? bytes : bytes.subarray(0, got) };
  } catch (err) {
    return { error: ioReason(err) };
  } finally {
    closeSync(fd);
  }
}

/** Records of one file (`-` for stdin), format detected from its content and name unless forced. */
export async function* readSource(path: string, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  if (path === "-") {
    yield* readStream(process.stdin, { ...opts, name: "-" });
    return;
  }
  const small = readSmallFile(path);
  if ("error" in small) {
    yield errorItem(path, opts.format ?? "raw", small.error);
    return;
  }
  if (small.bytes) {
    yield* readBytes(small.bytes, path, opts);
    return;
  }
  yield* readStream(createReadStream(path, { highWaterMark: STREAM_CHUNK }), {
    ...opts,
    name: path,
  });
}

function asBytes(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  const u8 = chunk as Uint8Array;
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/**
 * Records of a byte stream (stdin, an upload). The first 64 KB decide the format; a CSV is then
 * parsed chunk by chunk, anything else is collected (up to MAX_SINGLE_RECORD_BYTES) and read whole.
 */
export async function* readStream(
  stream: AsyncIterable<unknown>,
  opts: ReadOptions & { name: string },
): AsyncGenerator<ReadItem> {
  const file = opts.name;
  const it = stream[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let done = false;
  let format: FormatName | undefined = opts.format;
  try {
    while (size < SNIFF_BYTES) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      const b = asBytes(r.value);
      parts.push(b);
      size += b.length;
    }
    const head = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const utf16 = utf16Layout(head);
    if (utf16) {
      // Read again as UTF-8, the encoding every reader expects; each record says so.
      const warning = utf16Warning(utf16);
      const utf8 = utf16ChunksToUtf8(resume(head, it, done), utf16.encoding);
      for await (const item of readStream(utf8, opts)) {
        if (item.kind === "record") item.warnings.unshift(warning);
        yield item;
      }
      return;
    }
    format ??= detectFormat(head.subarray(0, SNIFF_BYTES), file);
    const stream = READERS[format].stream;
    if (stream) {
      yield* stream(resume(head, it, done), file, opts);
      return;
    }
    while (!done) {
      const r = await it.next();
      if (r.done) break;
      const b = asBytes(r.value);
      size += b.length;
      if (size > MAX_SINGLE_RECORD_BYTES) {
        await it.return?.();
        const mb = MAX_SINGLE_RECORD_BYTES / (1024 * 1024);
        yield errorItem(file, format, `larger than ${mb} MB: too big for one ${format} cable`);
        return;
      }
      parts.push(b);
    }
  } catch (err) {
    yield errorItem(file, format ?? "raw", ioReason(err), size, 1);
    return;
  }
  yield* readBytes(parts.length === 1 ? parts[0]! : Buffer.concat(parts), file, {
    ...opts,
    format,
  });
}

/** The sniffed head, then the rest of the stream, as one sequence of chunks. */
async function* resume(
  head: Buffer,
  it: AsyncIterator<unknown>,
  done: boolean,
): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (done) return;
  for (let r = await it.next(); !r.done; r = await it.next()) yield asBytes(r.value);
}
