/**
 * HTML character references left in the text by copies taken from web pages: `&#8217;` → ’,
 * `&amp;` → &, `&quot;` → ", `&#x000A;` → line break. Only well-formed references are decoded, and
 * named ones only from a short list of those seen in cable copies, so text such as `R&D;` or
 * `AT&T` stays as written.
 */

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  para: "¶",
  sect: "§",
  deg: "°",
  middot: "·",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  hellip: "…",
  bull: "•",
  laquo: "«",
  raquo: "»",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  ccedil: "ç",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  szlig: "ß",
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));/g;

function fromCodePoint(cp: number): string | null {
  // NUL, surrogates and values beyond Unicode are not text: leave the reference as written.
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  // A non-breaking space is a space in a telegram.
  return cp === 0xa0 ? " " : String.fromCodePoint(cp);
}

export function decodeEntities(text: string): { text: string; count: number } {
  if (!text.includes("&")) return { text, count: 0 };
  let count = 0;
  const out = text.replace(REFERENCE, (whole, dec?: string, hex?: string, name?: string) => {
    const decoded =
      dec !== undefined
        ? fromCodePoint(Number.parseInt(dec, 10))
        : hex !== undefined
          ? fromCodePoint(Number.parseInt(hex, 16))
          : (NAMED[name!] ?? null);
    if (decoded === null) return whole;
    count++;
    return decoded;
  });
  return { text: count ? out : text, count };
}
