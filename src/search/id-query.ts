/**
 * A whole query that is a cable id as people write it: `05ALMATY2121`, `05 ALMATY 2121`,
 * `05-ALMATY-002121`, `2005 Almaty 2121`, `"05 ALMATY 2121"`, PlusD's `05ALMATY2121_a`, the
 * malformed WikiLeaks ids... The lexer splits the spaced forms into several words, so the id is
 * read back from the plain words of the query and canonicalised like `cablegram id` does.
 */
import { canonicalId } from "../model/reference-id.js";
import type { QueryNode, TextTerm } from "./ast.js";

/** An id is at most year, station and serial with some debris: more words are a real query. */
const MAX_ID_WORDS = 5;

function plain(n: QueryNode): n is TextTerm {
  return n.kind === "text" && n.column === null && !n.prefix && !n.fuzzy;
}

/** The text of a query made only of plain words (or one phrase), or null. */
export function idText(node: QueryNode): string | null {
  if (plain(node)) return node.text;
  if (node.kind !== "and" || node.children.length > MAX_ID_WORDS) return null;
  const words: string[] = [];
  for (const c of node.children) {
    if (!plain(c) || c.phrase) return null;
    words.push(c.text);
  }
  return words.join(" ");
}

/** The canonical id a query stands for, or null (whether the archive holds it is not checked). */
export function queryId(node: QueryNode): string | null {
  const text = idText(node);
  return text && /^\s*\d/.test(text) ? canonicalId(text) : null;
}
