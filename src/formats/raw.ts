import type { FormatName } from "../model/cable.js";
import { decodeBytes, toLf } from "./decode.js";
import type { RawRecord } from "./record.js";

/**
 * Reader for raw telegram text: a header and/or body as the telegram printed it, in any charset
 * the copies come in (the PlusD-derived files are windows-1252 with CRLF line ends). No metadata:
 * everything the parser learns comes from the text itself.
 */
export function readRaw(bytes: Uint8Array, file: string): RawRecord {
  const record = plainTextRecord(bytes, file, "raw");
  const plusd = PLUSD_ID_LINE.exec(record.body.slice(0, PLUSD_HEAD_CHARS));
  if (plusd) {
    // PlusD prints its own record id and classification above the telegram and again at its end
    // (00HANOI686): metadata, not telegram text.
    record.metadata.referenceId = plusd[2]!;
    record.metadata.classification = plusd[3]!.trim();
    const idLine = plusd[0].slice(plusd[1]!.length).trim();
    let body =
      record.body.slice(0, plusd.index + plusd[1]!.length) +
      record.body.slice(plusd.index + plusd[0].length);
    const end = body.trimEnd();
    if (end.endsWith(idLine)) body = `${end.slice(0, -idLine.length).trimEnd()}\n`;
    record.body = body;
  }
  return record;
}

// `2000HANOI00686 - CONFIDENTIAL` (four-digit year, post, padded serial) within the first lines,
// after at most the partial-extract banner. Further down the same form is page furniture.
const PLUSD_HEAD_CHARS = 400;
const PLUSD_ID_LINE =
  /^((?:\s*This record is a partial extract[^\n]*\n)?\s*)(\d{4}[A-Z]{2,}\d{1,7}(?:_[a-z])?) - (?:Classification: )?((?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)[A-Z/ ]*)[ \t]*(?:\n|$)/;

/** Whole file as one record's body, decoded and with LF line ends. */
export function plainTextRecord(bytes: Uint8Array, file: string, format: FormatName): RawRecord {
  const decoded = decodeBytes(bytes);
  // Line ends are not content, so LF normalisation is not worth a warning; the charset is.
  const text = toLf(decoded.text);
  const warnings = [...decoded.warnings];
  return {
    kind: "record",
    source: { format, file, offset: 0, line: 1 },
    metadata: {},
    header: null,
    body: text,
    warnings,
  };
}
