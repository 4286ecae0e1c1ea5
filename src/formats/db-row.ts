/**
 * A WikiLeaks publishing artefact: on some pages (07BERN881, 08BERN612, 09TRIPOLI417... about 1 %
 * of the 2011 site) the cable text block holds a raw database row instead of the body alone:
 * tab-separated `row_no  created  id  origin  classification  references  header  body`, with every
 * newline escaped as backslash-newline (a MySQL export), often glued to the text before it and
 * sometimes followed by a repeat of the row or by the row of another cable (TBILISI 2290 after
 * BERN 881). The same text reaches the text mirror. This module finds that row and gives back the
 * cable's own header and body, so the parser sees what a clean page would have shown.
 */

export interface DbRowRepair {
  /** Text before the row, when it is not just a copy of the row's header (else ""). */
  before: string;
  header: string;
  body: string;
  warnings: string[];
}

// The anchor: a classification field then a references field (ids joined by `|`, maybe empty),
// followed by the header and body fields. The fields before it (row number, created, id, origin)
// are often damaged or glued to the preceding text, so they are read loosely.
const CLASSIFICATION = /(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)(?:\/\/[A-Z ]+)?$/;
const REFERENCES = /^[0-9A-Z|]*$/;
const ROW_ID = /^\d{2}[0-9A-Z]*[A-Z][0-9A-Z]*$/;
const EXPORT_NEWLINE = /\\\n/g;

/** Backslash-escaped newlines back to newlines, and a final escape dropped. */
function unescapeExport(field: string): string {
  return field.replace(EXPORT_NEWLINE, "\n").replace(/\\$/, "");
}

/** Compare two header copies ignoring what gluing damaged: trailing digits, spacing, escapes. */
function headerKey(text: string): string {
  return unescapeExport(text)
    .replace(/[\s\d:\\-]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function repairDbRow(text: string): DbRowRepair | null {
  // Cheap gate: both a tab and an escaped newline must be present.
  if (!text.includes("\t") || !text.includes("\\\n")) return null;
  const fields = text.split("\t");
  for (let i = 0; i + 3 < fields.length; i++) {
    const cls = CLASSIFICATION.exec(fields[i]!);
    if (!cls || (i > 0 && cls.index !== 0)) continue;
    if (!REFERENCES.test(fields[i + 1]!)) continue;
    const header = fields[i + 2]!;
    const body = fields[i + 3]!;
    if (!header.includes("\\\n") && !body.includes("\\\n")) continue;
    return build(fields, i, cls.index);
  }
  return null;
}

function build(fields: string[], at: number, clsIndex: number): DbRowRepair {
  const warnings: string[] = [];
  const rawHeader = fields[at + 2]!;
  let rawBody = fields[at + 3]!;
  const trailing = fields.slice(at + 4);
  // The text before the row: everything up to the first tab, minus a classification glued to it.
  const lead = at === 0 ? fields[0]!.slice(0, clsIndex) : fields[0]!;
  const meta = fields.slice(1, at).filter((f) => f.trim() !== "");
  const keep = headerKey(lead) !== "" && headerKey(lead) !== headerKey(rawHeader);
  warnings.push(
    `raw database row in the text (${[...meta, fields[at]!.slice(clsIndex)].join(", ")}): ` +
      "split into header and body, backslash-escaped line ends restored" +
      (keep || headerKey(lead) === "" ? "" : ", duplicate header before it dropped"),
  );
  if (trailing.length > 0) {
    // The next row's number is glued to the end of this body as a line of its own.
    rawBody = rawBody.replace(/\n+\d+\s*$/, "\n");
    const other = trailing.find((f) => ROW_ID.test(f.trim()));
    const ownId = meta.find((f) => ROW_ID.test(f.trim()));
    warnings.push(
      other && other.trim() !== ownId?.trim()
        ? `text of another cable (${other.trim()}) after the body dropped`
        : "repeated copy of the database row after the body dropped",
    );
  }
  return {
    before: keep ? lead : "",
    header: unescapeExport(rawHeader),
    body: unescapeExport(rawBody),
    warnings,
  };
}

const LINE_END_BACKSLASH = /\\(?=\n|$)/g;

/**
 * Backslashes ending a line, outside any recognisable row: the same export escapes on pages whose
 * row markers were lost (cablemap drops them too). Returns the text and how many were removed.
 */
export function dropLineEndBackslashes(text: string): { text: string; removed: number } {
  if (!text.includes("\\\n") && !text.endsWith("\\")) return { text, removed: 0 };
  let removed = 0;
  const out = text.replace(LINE_END_BACKSLASH, () => {
    removed++;
    return "";
  });
  return { text: out, removed };
}

// The 2011-08 site's variant of the same artefact: a row dumped with double spaces between the
// fields (`50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL    C O N F I ...`)
// after the body, its newlines mostly flattened. 73TEHRAN2077 ends with another cable's row;
// 06THEHAGUE1184's own text stops at `...` and its row carries the full text.
// Sticky, tried only where a line opens with a digit: scanning a whole body for a pattern that
// opens with `\n` costs more than the rest of reading the file.
const SPACED_ROW =
  /\n\d+ {2}\d{4}-\d\d-\d\d {2}(\d{2}[0-9A-Z]*[A-Z][0-9A-Z]*\d) {2}[^\n]*? {2}(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)(?:\/\/[A-Z ]+)? {2,}/y;

/**
 * The row's line opens with its number, two spaces and the date: found from the date's first `-`
 * (a rare character; walking every line costs more) and tried where the line qualifies.
 */
function findSpacedRow(body: string): RegExpExecArray | null {
  for (let dash = body.indexOf("-"); dash >= 0; dash = body.indexOf("-", dash + 1)) {
    // A run of dashes (a rule line, `--`) holds no date dash, which has digits on both sides:
    // skipped whole rather than found again dash by dash.
    if (body.charCodeAt(dash + 1) === 45) {
      while (body.charCodeAt(dash + 2) === 45) dash++;
      dash++;
      continue;
    }
    // `<digits>  YYYY-MM-DD  ` with `-` at `dash`, on a line that opens with the digits.
    if (!isDigitRun(body, dash - 4, dash) || body.charCodeAt(dash + 3) !== 45) continue;
    if (body.charCodeAt(dash - 5) !== 32 || body.charCodeAt(dash - 6) !== 32) continue;
    let nl = dash - 6;
    while (nl > 0 && isDigitCode(body.charCodeAt(nl - 1))) nl--;
    if (nl === dash - 6 || nl === 0 || body.charCodeAt(nl - 1) !== 10) continue;
    SPACED_ROW.lastIndex = nl - 1;
    const m = SPACED_ROW.exec(body);
    if (m) return m;
  }
  return null;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

function isDigitRun(s: string, from: number, to: number): boolean {
  if (from < 0) return false;
  for (let i = from; i < to; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

/** Cut a double-space row dumped after the body: another cable's text goes, the cable's own replaces a cut-short body. */
export function repairSpacedRow(
  body: string,
  ownId: string | undefined,
): { body: string; warnings: string[] } | null {
  const m = findSpacedRow(body);
  if (!m) return null;
  const rowId = m[1]!;
  const before = body.slice(0, m.index).trimEnd();
  if (ownId && rowId.toUpperCase() !== ownId.trim().toUpperCase()) {
    return {
      body: `${before}\n`,
      warnings: [`text of another cable (${rowId}) after the body dropped`],
    };
  }
  if (before.endsWith("...")) {
    return {
      body: body.slice(m.index + m[0].length),
      warnings: [
        "the text stops at '...'; the cable's full text from the database row after it is used",
      ],
    };
  }
  return {
    body: `${before}\n`,
    warnings: ["repeated copy of the database row after the body dropped"],
  };
}
