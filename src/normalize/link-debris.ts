/**
 * Markdown link syntax left by copies converted from the WikiLeaks pages, where TAGS were links and
 * every numbered paragraph or REF letter had a `¶` anchor: `[KZ](#)` and `[KZ](/tag/KZ_0.html)` →
 * `KZ`; `[¶](#par2)2.` → `2.`; `[1](#)2.` → `2.` (the anchor's `¶` came out as `1`); `[1](#). (C)`
 * → `1. (C)` and `[B](#). B)` → `B. B)` (there the link text is the number or letter itself).
 */

export interface LinkRepair {
  text: string;
  /** Links taken apart, whatever their kind. */
  count: number;
  /**
   * Links that stood for a paragraph or REF-letter anchor: evidence that this copy went through
   * the conversion that also leaves a bare `1` before paragraph numbers.
   */
  anchors: number;
}

// Bounded, bracket-free text and target: no nested links, no backtracking over long bodies. The
// target must look like one (an anchor, a site path, a URL, a page) so that text such as the phone
// number `011+[55](21) 2292-7117` is not taken for a link.
const LINK =
  /\[([^[\]\n]{0,200})\]\((#[^()\s]{0,400}|\/[^()\s]{0,400}|[a-z]+:\/\/[^()\s]{1,400}|www\.[^()\s]{1,400}|[^()\s]{0,400}\.html?)\)/g;

export function removeLinkDebris(text: string): LinkRepair {
  if (!text.includes("](")) return { text, count: 0, anchors: 0 };
  let count = 0;
  let anchors = 0;
  const out = text.replace(LINK, (whole, label: string, _target: string, at: number) => {
    count++;
    const inner = label.trim();
    const next = text.charCodeAt(at + whole.length);
    const digitFollows = next >= 48 && next <= 57;
    if (inner === "" || inner === "¶" || (/^\d+$/.test(inner) && digitFollows)) {
      anchors++;
      return "";
    }
    if (/^(?:\d{1,3}|[A-Za-z])$/.test(inner) && text[at + whole.length] === ".") anchors++;
    return label;
  });
  return { text: out, count, anchors };
}
