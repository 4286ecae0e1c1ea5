import { plainTextRecord } from "./raw.js";
import type { RawRecord } from "./record.js";

/**
 * Reader for cables copied off web pages (markdown-ish text such as corpus/scraped/05ALMATY2121.md).
 * The container is plain text; the link debris the copy carries (`[KZ](#)`, `[1](#)2.`) is part of
 * the text and is repaired by src/normalize, which knows the format from the provenance.
 */
export function readScraped(bytes: Uint8Array, file: string): RawRecord {
  return plainTextRecord(bytes, file, "scraped");
}
