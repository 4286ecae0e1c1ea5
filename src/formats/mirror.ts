import { dropLineEndBackslashes, repairDbRow, repairSpacedRow } from "./db-row.js";
import { decodeBytes, toLf } from "./decode.js";
import { useFullCopy } from "./full-copy.js";
import type { RawMetadata, ReadItem } from "./record.js";

/**
 * Reader for the five-line text mirror (corpus/SOURCES.md): id, WikiLeaks subject, created
 * `YYYY-MM-DD HH:MM`, classification, origin, then the page's `<pre>` blocks glued together with
 * nothing between them (header and body are told apart later, by split-header).
 */

const CREATED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

export function readMirror(bytes: Uint8Array, file: string): ReadItem {
  const decoded = decodeBytes(bytes);
  const text = toLf(decoded.text);
  const warnings = [...decoded.warnings];
  const lines: string[] = [];
  let at = 0;
  while (lines.length < 5) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) {
      if (lines.length === 4 && at < text.length) {
        lines.push(text.slice(at));
        at = text.length;
        break;
      }
      return {
        kind: "error",
        source: { format: "mirror", file, offset: 0, line: 1 },
        reason: `text-mirror file cut short: ${lines.length + (at < text.length ? 1 : 0)} of its 5 metadata lines`,
      };
    }
    lines.push(text.slice(at, nl));
    at = nl + 1;
  }
  const [id, subject, created, classification, origin] = lines.map((l) => l.trim()) as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!CREATED.test(created)) {
    return {
      kind: "error",
      source: { format: "mirror", file, offset: 0, line: 1 },
      reason: `line 3 is not a 'YYYY-MM-DD HH:MM' date (${JSON.stringify(created.slice(0, 40))}): not a text-mirror file`,
    };
  }
  const metadata: RawMetadata = { created };
  if (id) metadata.referenceId = id;
  if (subject) metadata.subject = subject;
  if (classification) metadata.classification = classification;
  if (origin) metadata.origin = origin;

  let body = text.slice(at);
  let header: string | null = null;
  if (!body.trim()) warnings.push("no cable text after the five metadata lines");
  // Mirror files are the page's blocks verbatim: they carry the same export artefacts as HTML.
  const row = repairDbRow(body);
  if (row) {
    warnings.push(...row.warnings);
    header = row.header.trim() ? row.header : null;
    body = row.before ? `${row.before}\n${row.body}` : row.body;
  }
  const full = useFullCopy(body);
  if (full) {
    warnings.push(full.warning);
    body = full.text;
  }
  const spaced = repairSpacedRow(body, metadata.referenceId);
  if (spaced) {
    warnings.push(...spaced.warnings);
    body = spaced.body;
  }
  const clean = dropLineEndBackslashes(body);
  body = clean.text;
  const removed = clean.removed;
  if (removed > 0) warnings.push(`${removed} backslash(es) at line ends removed (export escapes)`);
  return {
    kind: "record",
    source: { format: "mirror", file, offset: 0, line: 1 },
    metadata,
    header,
    body,
    warnings,
  };
}
