import { captionAreaEnd } from "./caption-area.js";
import type { BodyDoc } from "./doc.js";
import { fixTypo, isKnownCode, splitGlued } from "./tags/codes.js";
import { findTagsLine } from "./tags/locate.js";
import { knownPhrase, needsName, type Piece, segmentTags } from "./tags/segment.js";
import { ISO_FOR_FIPS } from "./tags/vocabulary.js";

/**
 * The TAGS line (spec §4.4, §7): codes in order, upper-cased, duplicates dropped, obvious
 * malformations repaired — glued codes split (`ETRDEINVECINPGOVCS`), misspelt codes fixed (`MOPPS`),
 * ISO slips mapped to FIPS (`RU`), person names given their comma (`OVIP CLINTON HILLARY`), free-text
 * TAGS kept whole, `SIPDIS` and page-header debris dropped.
 */

export interface TagsResult {
  /** Upper-cased, split, repaired, de-duplicated (contract `tags`). */
  tags: string[];
  /** Upper-cased as written, nothing else (contract addition `tagsAsWritten`). */
  asWritten: string[];
}

const ISO_EXTRA = new Set(Object.keys(ISO_FOR_FIPS));

const fips = (code: string) => ISO_FOR_FIPS[code] ?? code;

/** The repaired TAG(s) for one written word. */
function repairWord(word: string): string[] {
  if (word === "SIPDIS") return [];
  if (isKnownCode(word)) return [word];
  if (word in ISO_FOR_FIPS) return [fips(word)];
  const glued = splitGlued(word, ISO_EXTRA);
  if (glued) return glued.map(fips);
  return [fixTypo(word) ?? digitSlip(word) ?? word];
}

/**
 * Organisation codes carry a digit (`AU-1`, `ADB-1`, `G-77`) that copies write as a letter
 * (`AU-I`, 09TRIPOLI401), and the reverse: the one known code the I/1, O/0 swap gives, if any.
 */
function digitSlip(word: string): string | null {
  if (!/[IO10]/.test(word) || !/-/.test(word)) return null;
  const swap: Record<string, string> = { I: "1", "1": "I", O: "0", "0": "O" };
  const hits = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    const to = swap[word[i]!];
    if (!to) continue;
    const cand = word.slice(0, i) + to + word.slice(i + 1);
    if (isKnownCode(cand)) hits.add(cand);
  }
  return hits.size === 1 ? [...hits][0]! : null;
}

function repairPiece(piece: Piece, previous: Piece | undefined): string[] {
  if (piece.kind === "word") return repairWord(piece.text);
  if (piece.kind === "group") return [piece.text];
  const words = piece.text.split(" ");
  const known = knownPhrase(words);
  if (known) return [known];
  // A name after OVIP/OREP/OTRA/OEXC/OCON written without its comma: SURNAME GIVEN.
  if (needsName(previous) && words.length === 2) return [`${words[0]}, ${words[1]}`];
  return [piece.text];
}

export function parseTags(doc: BodyDoc): TagsResult {
  const line = findTagsLine(doc.text.slice(0, captionAreaEnd(doc)), doc.pageCuts);
  if (!line || line.text === "") return { tags: [], asWritten: [] };
  if (line.capped) {
    doc.warnings.push(
      "TAGS line longer than 1,000 characters: read up to the last tag before that",
    );
  }
  const segmentation = segmentTags(line.text);
  const asWritten = segmentation.asWritten.map((p) => p.text);
  const pieces = segmentation.unglued;
  const tags: string[] = [];
  pieces.forEach((piece, i) => {
    for (const tag of repairPiece(piece, pieces[i - 1])) {
      if (!tags.includes(tag)) tags.push(tag);
    }
  });
  return { tags, asWritten };
}
