/**
 * Page furniture that sits inside REF blocks and must go before the block is read, or its post
 * and serial (`TRIPOLI 00000402`, `PAGE 02 ROME 01196`) would be taken for a reference:
 * page-break lines (2004-2010), old page headers with the classification line printed above them
 * (1970s-2003), and bare classification banner lines. Normalisation removes most of them; these
 * patterns are kept here so a block is read the same whether or not it did.
 */

/** `TRIPOLI 00000402 001.2 OF 003`, `PORT AU PR 00002230 001.2 OF 002`, possibly split in two lines. */
const PAGE_BREAK =
  /(?:[A-Z][A-Z'.-]*[ \t]+){0,4}\d{8}[ \t]*\n?[ \t]*\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}\b/g;

/** `PAGE 02 ROME 01196 01 OF 02 082030Z`, `PAGE 02        VATICA  05693  01 OF 02  021700Z`. */
const OLD_PAGE_HEADER =
  /\bPAGE[ \t]+\d{2,3}[ \t]+(?:[A-Z][A-Z.'-]*[ \t]+){1,4}\d{4,6}(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z\b|[ \t]*$)/gm;

const CLASSIFICATION =
  "(?:UNCLAS(?:SIFIED)?(?:[ \\t]+E[ \\t]?F[ \\t]?T[ \\t]?O)?|LIMITED[ \\t]+OFFICIAL[ \\t]+USE|CONFIDENTIAL|SECRET|" +
  "C[ \\t]O[ \\t]N[ \\t]F[ \\t]I[ \\t]D[ \\t]E[ \\t]N[ \\t]T[ \\t]I[ \\t]A[ \\t]L|S[ \\t]E[ \\t]C[ \\t]R[ \\t]E[ \\t]T|" +
  "U[ \\t]N[ \\t]C[ \\t]L[ \\t]A[ \\t]S)";

/** A line that is only a classification banner, perhaps with its section and post/serial. */
const BANNER_LINE = new RegExp(
  `^[ \\t]*${CLASSIFICATION}(?:[ \\t]+SECTION[ \\t]+\\d+[ \\t]+OF[ \\t]+\\d+)?(?:[ \\t]+[A-Z][A-Z ]*[ \\t]\\d{4,8})?[ \\t]*$`,
  "gim",
);

/** The classification word printed just before an old page header on the same line. */
const INLINE_BANNER = new RegExp(`\\b${CLASSIFICATION}[ \\t]*(?=\\n?[ \\t]*PAGE[ \\t]+\\d)`, "g");

/** Removes page furniture; a line that held only furniture goes entirely, leaving no blank line. */
export function removePageFurniture(text: string): string {
  // Cheap tests first: most lines carry none of it.
  const page = text.includes("PAGE");
  const serial8 = /\d{8}/.test(text);
  // Banner lines open with the classification word.
  const banner = /^[ \t]*[CSULcsul]/.test(text);
  if (!page && !serial8 && !banner) return text;
  let marked = text;
  if (page) marked = marked.replace(INLINE_BANNER, MARK).replace(OLD_PAGE_HEADER, MARK);
  if (serial8) marked = marked.replace(PAGE_BREAK, MARK);
  if (banner) marked = marked.replace(BANNER_LINE, MARK);
  if (!marked.includes(MARK)) return text;
  const lines: string[] = [];
  for (const line of marked.split("\n")) {
    if (!line.includes(MARK)) lines.push(line);
    else if (line.replaceAll(MARK, "").trim() !== "") lines.push(line.replaceAll(MARK, " "));
  }
  return lines.join("\n");
}

const MARK = "\u0000";
