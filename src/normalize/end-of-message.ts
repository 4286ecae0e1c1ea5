import { cutSpans, keepLineBreaks, type Span } from "./cut.js";

/**
 * `NNNN`, the end-of-message signal of the teletype format, printed after the signature
 * (`ASQUINO ␤␤NNNN`, `SCOBEY NNNN End Cable Text`). It is transmission furniture, not text.
 */

const SIGNAL = /(?<![A-Za-z0-9])NNNN(?![A-Za-z0-9])/g;

export function removeEndOfMessage(text: string): { text: string; count: number } {
  if (!text.includes("NNNN")) return { text, count: 0 };
  const spans: Span[] = [];
  for (const m of text.matchAll(SIGNAL)) spans.push({ start: m.index, end: m.index + 4 });
  return { text: cutSpans(text, spans, keepLineBreaks), count: spans.length };
}
