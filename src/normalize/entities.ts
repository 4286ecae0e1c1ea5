/**
 * HTML character references left in the text by copies taken from web pages: `&#8217;` → ’,
 * `&amp;` → &, `&quot;` → ", `&#x000A;` → line break. Only well-formed references are decoded, and
 * named ones only from a short list of those seen in cable copies, so text such as `R&D;` or
 * `AT&T` stays as written.
 */

import { decodeReferences } from "../formats/char-references.js";

/** Stray references in plain text, counted for the repair report (pages: decodePageEntities). */
export function decodeStrayEntities(text: string): { text: string; count: number } {
  return decodeReferences(text, { plainSpace: true });
}
