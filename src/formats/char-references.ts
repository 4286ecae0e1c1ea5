/**
 * HTML character references (`&#8217;`, `&#x2019;`, `&rsquo;`) as every reader and repair decodes
 * them: well-formed references only, and named ones only from the short list seen in cable copies,
 * so text such as `R&D;` or `AT&T` stays as written. A list, not a full HTML5 decoder: that would
 * also turn bare legacy names (`&not`, `&AMP`, 3 in the corpus) and `&D;`-like text into other
 * characters (scripts/measure-handwritten.ts counts them).
 */

export const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  para: "\u00b6",
  sect: "\u00a7",
  deg: "\u00b0",
  middot: "\u00b7",
  ndash: "\u2013",
  mdash: "\u2014",
  lsquo: "\u2018",
  rsquo: "\u2019",
  sbquo: "\u201a",
  ldquo: "\u201c",
  rdquo: "\u201d",
  bdquo: "\u201e",
  hellip: "\u2026",
  bull: "\u2022",
  laquo: "\u00ab",
  raquo: "\u00bb",
  eacute: "\u00e9",
  egrave: "\u00e8",
  aacute: "\u00e1",
  agrave: "\u00e0",
  iacute: "\u00ed",
  oacute: "\u00f3",
  uacute: "\u00fa",
  ntilde: "\u00f1",
  ccedil: "\u00e7",
  auml: "\u00e4",
  ouml: "\u00f6",
  uuml: "\u00fc",
  szlig: "\u00df",
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

export interface DecodeOptions {
  /** Also names written in capitals (`&AMP;`), as web pages may. */
  foldCase?: boolean;
  /** A no-break space as a plain space: in a telegram it is one. */
  plainSpace?: boolean;
}

function character(cp: number): string | null {
  // NUL, surrogates and values beyond Unicode are not text: the reference stays as written.
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

/** The text with its references decoded, and how many were. */
export function decodeReferences(
  text: string,
  opts: DecodeOptions = {},
): { text: string; count: number } {
  if (!text.includes("&")) return { text, count: 0 };
  let count = 0;
  const out = text.replace(REFERENCE, (whole, dec?: string, hex?: string, name?: string) => {
    let decoded =
      dec !== undefined
        ? character(Number.parseInt(dec, 10))
        : hex !== undefined
          ? character(Number.parseInt(hex, 16))
          : (NAMED_REFERENCES[name!] ??
            (opts.foldCase ? NAMED_REFERENCES[name!.toLowerCase()] : undefined) ??
            null);
    if (decoded === null) return whole;
    if (opts.plainSpace && decoded === "\u00a0") decoded = " ";
    count++;
    return decoded;
  });
  return { text: count ? out : text, count };
}
