/**
 * UTF-8 text read as Windows-1252 (or Latin-1) somewhere on its way: `â€™` for ’, `Â¶` for ¶,
 * `Ã©` for é. A run is repaired only when its bytes form one valid UTF-8 character, so genuine
 * accented capitals (`ÂNGELA`) stay. The lossy `Q` for an apostrophe seen in some corrupted pages
 * (`GeorgiaQs`) cannot be told from a real Q and is left alone.
 */

// Bytes 0x80-0x9F as Windows-1252 shows them; 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined there and
// survive as the C1 control of the same value.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

const BYTE_OF = new Map<string, number>();
for (let i = 0; i < 32; i++) BYTE_OF.set(CP1252_HIGH[i]!, 0x80 + i);
for (let b = 0x80; b <= 0xbf; b++)
  if (!BYTE_OF.has(String.fromCharCode(b))) BYTE_OF.set(String.fromCharCode(b), b);

const CONTINUATION = `[${[...BYTE_OF.keys()].join("")}]`;
// A lead byte (0xC2-0xF4 shown as Â..ô) followed by one to three continuation bytes.
const RUN = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}{1,3}`, "g");

const LEADS = ["â", "Â", "Ã", "Ä", "Å"];

function decodeRun(run: string): { decoded: string; used: number } | null {
  const lead = run.charCodeAt(0);
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
  if (run.length - 1 < need) return null;
  let cp = lead & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let i = 1; i <= need; i++) {
    const b = BYTE_OF.get(run[i]!);
    if (b === undefined || b > 0xbf) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return { decoded: String.fromCodePoint(cp), used: need + 1 };
}

export function repairMojibake(text: string): { text: string; count: number } {
  // The lead bytes of punctuation (â), Latin-1 symbols and letters (Â, Ã) and Central European
  // letters (Ä, Å) cover the mojibake seen in practice; the full scan runs only when one is there.
  if (!LEADS.some((c) => text.includes(c))) return { text, count: 0 };
  let count = 0;
  const out = text.replace(RUN, (run) => {
    const r = decodeRun(run);
    if (!r) return run;
    count++;
    return r.decoded + run.slice(r.used);
  });
  return { text: count ? out : text, count };
}
