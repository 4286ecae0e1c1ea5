import { useFullCopy } from "../formats/full-copy.js";
import type { FormatName } from "../model/cable.js";
import { removeEndOfMessage } from "./end-of-message.js";
import { decodeStrayEntities } from "./entities.js";
import { removeEscapedNewlines } from "./escaped-newlines.js";
import { trimBlankEdges, trimLineEnds, unifyLineEnds } from "./line-ends.js";
import { removeLinkDebris } from "./link-debris.js";
import { repairMojibake } from "./mojibake.js";
import { removePageBreaks } from "./page-breaks.js";
import { PAGE_MARK, removePageHeaders, takePageMarks } from "./page-headers.js";
import { repairParagraphNumbers } from "./paragraph-numbers.js";
import { removePilcrows } from "./pilcrow.js";

/**
 * Artefact repair of the telegram text, before any element is parsed: what copies and printouts
 * added to the cable goes, what the drafter wrote stays (redactions, review stamps, archival notes,
 * hard line wraps — the paragraph parser joins lines, not this step). Order follows the spec (§8):
 * container decoding, markup remnants, page furniture, then the numbering damage that the markup
 * left. Each repair is reported once with its count. Every repair is keyed on what the text shows,
 * not on the format it came in: a batch fragment or a CSV body can carry any of these artefacts, and
 * the cheap pre-checks keep clean text fast.
 */

export interface Normalized {
  text: string;
  warnings: string[];
  /**
   * Offsets in `text` where an old page header was cut out of the middle of a line: a page
   * boundary the copy ran together, where a caption list (TAGS) ends though the text runs on.
   */
  pageCuts: number[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function normalizeBody(text: string, opts: { format: FormatName }): Normalized {
  const warnings: string[] = [];
  const note = (count: number, message: (n: number) => string): void => {
    if (count > 0) warnings.push(message(count));
  };

  // 1. Container decoding. Entities first: `&#x000A;` is a line break for the next steps.
  const entities = decodeStrayEntities(text);
  note(entities.count, (n) => `decoded ${plural(n, "HTML entity", "HTML entities")}`);
  const lineEnds = unifyLineEnds(entities.text);
  note(
    lineEnds.count,
    (n) => `converted ${plural(n, "CRLF/CR line end", "CRLF/CR line ends")} to LF`,
  );
  const escaped = removeEscapedNewlines(lineEnds.text);
  note(escaped.count, (n) => `removed ${plural(n, "backslash", "backslashes")} escaping line ends`);
  // A preview cut at `...` followed by the full copy: the page readers (mirror, html) join the
  // copies already; a CSV body or a batch fragment can carry the same page text.
  const full =
    opts.format === "mirror" || opts.format === "html" ? null : useFullCopy(escaped.text);
  if (full) warnings.push(full.warning);
  const mojibake = repairMojibake(full ? full.text : escaped.text);
  note(
    mojibake.count,
    (n) => `repaired ${plural(n, "mis-decoded character", "mis-decoded characters")} (mojibake)`,
  );
  const trimmed = trimLineEnds(mojibake.text);
  note(trimmed.count, (n) => `removed trailing spaces on ${plural(n, "line", "lines")}`);

  // 2. Markup remnants.
  const links = removeLinkDebris(trimmed.text);
  note(
    links.count,
    (n) => `removed ${plural(n, "markdown link remnant", "markdown link remnants")}`,
  );
  const pilcrows = removePilcrows(links.text);
  note(
    pilcrows.count,
    (n) => `dropped ${plural(n, "¶ mark", "¶ marks")} before paragraph numbers and REF letters`,
  );

  // 3-4. Page furniture.
  const breaks = removePageBreaks(pilcrows.text);
  note(breaks.count, (n) => `removed ${plural(n, "page-break line", "page-break lines")}`);
  // A mark where a header is cut from inside a line (unless the text holds the mark already).
  const marking = !breaks.text.includes(PAGE_MARK);
  const headers = removePageHeaders(breaks.text, marking ? ` ${PAGE_MARK}` : " ");
  note(
    headers.count,
    (n) =>
      `removed ${plural(n, "PAGE header", "PAGE headers")} with the classification lines printed around them`,
  );
  const eom = removeEndOfMessage(headers.text);
  note(
    eom.count,
    (n) => `removed ${plural(n, "NNNN end-of-message signal", "NNNN end-of-message signals")}`,
  );

  // 5. The numbering damage the lost anchors left.
  const numbering = repairParagraphNumbers(eom.text, { anchorDebris: links.anchors > 0 });
  note(
    numbering.count,
    (n) =>
      `repaired ${plural(n, "paragraph number", "paragraph numbers")} carrying a stray leading 1`,
  );

  const edged = trimBlankEdges(numbering.text);
  if (!marking || !headers.text.includes(PAGE_MARK)) return { text: edged, warnings, pageCuts: [] };
  const marks = takePageMarks(edged);
  return { text: marks.text, warnings, pageCuts: marks.offsets };
}
