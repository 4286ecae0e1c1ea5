import { canonicalStation } from "../../reference/stations.js";
import { type BodyDoc, docMemo } from "../doc.js";
import { findBodyMarking, type MarkingMatch } from "./classification.js";

/**
 * The classification line that opens the body (spec §4.1), located in a text: the header splitter
 * uses it to recognise a repeated header before it, the banner and caption parsers read it.
 */

export interface BannerLine {
  /** Offset of the marking in the searched text. */
  index: number;
  /** Offset just after the serial (or the marking, when the line names no post). */
  end: number;
  level: string;
  /** `//NOFORN`-style caveat written on the line itself, without the slashes. */
  caveat: string | null;
  post: string | null;
  serial: number | null;
}

/** The banner opens the body; this far in, a marking is a page header or quoted text. */
const WINDOW = 1_500;

/**
 * After the marking: optional `//CAVEAT`, EFTO, section count, then the post as written (spaces
 * kept, may be truncated) and its zero-padded serial. Page-break style 8-digit serials occur in
 * copies (`TRIPOLI   00000453`).
 */
const POST_AND_SERIAL =
  /^(?:[ \t]*\/\/[ \t]*([A-Z][A-Z /]*?))?(?:[ \t]+E ?F ?T ?O\b)?(?:[ \t]*SECTION[ \t]*\d{1,2}[ \t]+(?:OF|GF)[ \t]+\d{1,2})?[ \t]*([A-Za-z][A-Za-z .'-]{0,28}?[A-Za-z])[ \t]+0*(\d{1,8})(?![\d/]|Z\b)/i;

function readLine(line: string, lineStart: number, marking: MarkingMatch): BannerLine {
  const rest = line.slice(marking.end);
  const m = POST_AND_SERIAL.exec(rest);
  const caveatOnly = /^[ \t]*\/\/[ \t]*([A-Z][A-Z /]*[A-Z])/.exec(rest);
  if (!m) {
    return {
      index: lineStart + marking.index,
      end: lineStart + marking.end,
      level: marking.level,
      caveat: caveatOnly?.[1]?.trim() ?? null,
      post: null,
      serial: null,
    };
  }
  const post = m[2]!.replace(/\s+/g, " ").trim();
  return {
    index: lineStart + marking.index,
    end: lineStart + marking.end + m[0].length,
    level: marking.level,
    caveat: m[1]?.trim() ?? caveatOnly?.[1]?.trim() ?? null,
    post: /^SECTION$/i.test(post) ? null : post,
    serial: Number(m[3]),
  };
}

/**
 * The first classification line in the first `window` characters of `text`: a line naming post and
 * serial wins over an earlier bare marking (`CONFIDENTIAL` printed above a page header).
 */
export function findBanner(text: string, from = 0, window = WINDOW): BannerLine | null {
  const stop = Math.min(text.length, from + window);
  let bare: BannerLine | null = null;
  let pos = from;
  while (pos < stop) {
    const nl = text.indexOf("\n", pos);
    const lineEnd = nl < 0 || nl > text.length ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    const marking = findBodyMarking(line);
    if (marking) {
      const found = readLine(line, pos, marking);
      if (found.serial !== null) return found;
      if (!bare) bare = withNextLine(text, lineEnd, found);
      if (bare.serial !== null) return bare;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return bare;
}

/** A marking alone on its line may have its post and serial on the next line. */
function withNextLine(text: string, lineEnd: number, found: BannerLine): BannerLine {
  const next =
    /^\n[ \t]*(?:SECTION[ \t]+\d{1,2}[ \t]+OF[ \t]+\d{1,2}[ \t]+)?([A-Z][A-Z .'-]{0,28}?)[ \t]+0*(\d{3,8})[ \t]*(?=\n|$)/.exec(
      text.slice(lineEnd, lineEnd + 80),
    );
  if (!next || !canonicalStation(next[1]!)) return found;
  return {
    ...found,
    post: next[1]!.trim(),
    serial: Number(next[2]),
    end: lineEnd + next[0].length,
  };
}

/** The banner line of a doc (memoised: the banner and caption parsers both need it). */
export const docBanner: (doc: BodyDoc) => BannerLine | null = docMemo((doc) =>
  findBanner(doc.text),
);
