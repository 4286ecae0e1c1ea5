/**
 * Recognisers for the lines of a transmission header (spec §3, header-format-lines.csv): the
 * ACP-127 format lines FL1-FL9, and the State Archiving System furniture of 1970s-2000s printouts
 * (`PAGE 01`, `ACTION EAP-00`, `INFO LOG-00 ...`, `-------- 050822Z /38`). Each takes one line without
 * its line break.
 */

/** FL1 start of message: `VZCZCXRO4024`. */
export const TRANSMISSION_ID = /VZCZ[A-Z]{2,4}\d{2,5}/;

/** FL5: precedence prosign(s) and date-time group, `O P 190243Z DEC 89 ZDS`. */
export const DTG_LINE =
  /^[ \t]*([ZOPRY])(?:[ \t]+([ZOPRY]))?[ \t]+(\d{6})Z[ \t]+([A-Za-z]{3})[ \t]+(\d{4}|\d{2})\b/;

const FL = {
  fl1: /^[ \t]*VZCZ[A-Z]{2,4}\d/,
  // FL2: doubled precedence letter + relay routing indicators; may wrap onto RI-only lines.
  fl2: /^[ \t]*([A-Z])\1[ \t]+[A-Z]{4,8}(?:[ \t]+[A-Z]{4,8})*[ \t]*\\?$/,
  riOnly: /^[ \t]*R[A-Z]{3,7}(?:[ \t]+R[A-Z]{3,7})*[ \t]*\\?$/,
  fl3: /^[ \t]*DE[ \t]+[A-Z]{3,8}[ \t]*#/,
  fl4: /^[ \t]*ZN[YR][ \t]+[A-Z]{4,5}/,
  bt: /^[ \t]*BT[ \t]*\\?$/,
};

const SAS = {
  classification:
    /^[ \t]*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:[ \t]+[A-Z]{2,4}\d{3,5})?[ \t]*$/,
  page: /^[ \t]*PAGE[ \t]+\d{2}\b/,
  office: /^[ \t]*(?:ACTION|ORIGIN|INFO)[ \t]+[A-Z]+-\d\d\b/,
  // Tested with parentheses blanked: `SWCI-00  (H-00     L-00`, `PM-00    )  /001W`.
  officeMore: /^[ \t]*(?:[A-Z]+-\d\d[ \t]*)+(?:\/\d{3}[A-Z]?[ \t]*)?(?:[A-Z][ \t]*)?$/,
  officeCount: /^[ \t]*(?:\([A-Z -]+\)[ \t]*)?\/\d{3}[A-Z]?(?:[ \t]+[A-Z])?[ \t]*$/,
  rule: /^[ \t]*-{5,}/,
  routing: /^[ \t]*(?:DRAFTED BY|APPROVED BY|CLEARED BY|DESIRED DISTRIBUTION|SOURCE:)/,
  copies: /^[ \t]*\d{1,6}[ \t]*$/,
};

/** Offset of the first character after the line's indentation (`[ \t]*`). */
function indentEnd(line: string): number {
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === 32 || c === 9) c = line.charCodeAt(++i);
  return i;
}

/**
 * A format line before the address block (FL1-FL5, BT) or SAS furniture. Each format line opens
 * with a letter of its own (V, R, D, Z, B, a doubled prosign, a DTG prosign): that letter picks
 * the one test to run, as this runs on every line of a header.
 */
export function isPreambleLine(line: string): boolean {
  const at = indentEnd(line);
  const c = line.charCodeAt(at);
  if (c >= 65 && c <= 90) {
    if (c === 86 && FL.fl1.test(line)) return true;
    if (line.charCodeAt(at + 1) === c && FL.fl2.test(line)) return true;
    if (c === 82 && FL.riOnly.test(line)) return true;
    if (c === 68 && FL.fl3.test(line)) return true;
    if (c === 90 && FL.fl4.test(line)) return true;
    if (c === 66 && FL.bt.test(line)) return true;
    if ((c === 90 || c === 79 || c === 80 || c === 82 || c === 89) && DTG_LINE.test(line)) {
      return true;
    }
  }
  return isFurniture(line);
}

/** Printout furniture: page headers, classification lines, distribution office codes, rules. */
export function isFurniture(line: string): boolean {
  // Cheap guards first: this runs on every addressee line of long address blocks.
  const dash = line.includes("-");
  if (dash && (SAS.rule.test(line) || SAS.office.test(line))) return true;
  if (
    dash &&
    SAS.officeMore.test(
      line.includes("(") || line.includes(")") ? line.replace(/[()]/g, " ") : line,
    )
  ) {
    return true;
  }
  if (line.includes("PAGE") && SAS.page.test(line)) return true;
  if (line.includes("/") && SAS.officeCount.test(line)) return true;
  if (/FIDENTIAL|SECRET|CLASSIFIED|LIMITED/.test(line) && SAS.classification.test(line))
    return true;
  return (
    (line.includes("BY") || line.includes("DESIRED") || line.includes("SOURCE")) &&
    SAS.routing.test(line)
  );
}

/**
 * The drafting block of a Department printout (`DRAFTED BY:`, `APPROVED BY:`, then clearances such
 * as `EAP/CM: AGOODMAN`, `D(S):PPARK`) runs until the rule line before the DTG.
 */
export function opensDraftingBlock(line: string): boolean {
  return SAS.routing.test(line);
}

export function isRule(line: string): boolean {
  return SAS.rule.test(line);
}

const PAGE_ONE = /^[ \t]*PAGE[ \t]+01\b/;

/** Lines that open a header with certainty: FL1, SAS office distribution, `PAGE 01`. */
export function isStrongStart(line: string): boolean {
  // V, A/O/I or P first: the header splitter asks this of every line near the top of a body.
  const c = line.charCodeAt(indentEnd(line));
  return (
    (c === 86 && FL.fl1.test(line)) ||
    ((c === 65 || c === 79 || c === 73) && SAS.office.test(line)) ||
    (c === 80 && PAGE_ONE.test(line))
  );
}

/** FL5, the DTG line (DTG_LINE), tested only on lines opening with a prosign letter. */
export function isDtgLine(line: string): boolean {
  const c = line.charCodeAt(indentEnd(line));
  return (c === 90 || c === 79 || c === 80 || c === 82 || c === 89) && DTG_LINE.test(line);
}

/** Copy counts (`43`) sit between SAS lines; they are furniture only there. */
export function isCopyCount(line: string): boolean {
  return SAS.copies.test(line);
}

export type AddressKeyword = "FM" | "TO" | "INFO" | "XMT";

/** FL6-FL9 keyword opening the line, if any (`INFO LOG-00` is SAS distribution, not FL8). */
const ADDRESS_KEYWORD = /^[ \t]*(FM|TO|INFO|XMT)(?=[ \t/]|$|R[A-Z]{3,7}\/)/;

export function addressKeyword(line: string): AddressKeyword | null {
  // F, T, I or X first: most lines are addressees, and this runs on every one.
  const c = line.charCodeAt(indentEnd(line));
  if (c !== 70 && c !== 84 && c !== 73 && c !== 88) return null;
  // `TORUEHC/SECSTATE WASHDC`: the space after the keyword can be lost before a routing indicator.
  const m = ADDRESS_KEYWORD.exec(line);
  if (!m) return null;
  if (m[1] === "INFO" && SAS.office.test(line)) return null;
  return m[1] as AddressKeyword;
}

/** Old page header inside an address block: `PAGE 02        STATE   023763  071504Z`. */
export const PAGE_HEADER =
  /PAGE[ \t]+\d{2}[ \t]+[A-Z][A-Z .-]*?[ \t]+\d{3,8}(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?(?:[ \t]+\d{6}Z)?/;

/**
 * A plain addressee line (`RUEHTU/AMEMBASSY TUNIS IMMEDIATE 0452`): capitals, spaces and PLAD
 * punctuation, an optional 3-4 digit MCN at the end, no run of single letters (a letter-spaced
 * marking) and no marking word. A character scan: this runs on every line of long address blocks.
 */
export function isPlainAddressee(line: string): boolean {
  let n = line.length;
  while (n > 0 && line.charCodeAt(n - 1) === 32) n--;
  let j = n;
  while (j > 0) {
    const c = line.charCodeAt(j - 1);
    if (c < 48 || c > 57) break;
    j--;
  }
  if (j < n) {
    if (n - j < 3 || n - j > 4 || line.charCodeAt(j - 1) !== 32) return false;
    n = j - 1;
  }
  if (n === 0) return false;
  let singles = 0;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const isolated = (i === 0 || line.charCodeAt(i - 1) === 32) && line.charCodeAt(i + 1) === 32;
      singles = isolated ? singles + 1 : singles;
      if (singles >= 3) return false;
      continue;
    }
    if (
      c === 32 ||
      c === 47 ||
      c === 46 ||
      c === 38 ||
      c === 40 ||
      c === 41 ||
      c === 39 ||
      c === 45
    ) {
      continue;
    }
    return false;
  }
  return !(line.includes("UNCLAS") || line.includes("SECRET") || line.includes("CONFIDENTIAL"));
}
