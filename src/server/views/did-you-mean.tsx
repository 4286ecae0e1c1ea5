/**
 * "Did you mean" on the search page: each thinly found word offered in the archive's spelling,
 * as a link to the same search with that word replaced, and the variant operator for all spellings.
 */
import type { SpellingSuggestion } from "../../search/did-you-mean.js";
import type { SearchState } from "../data/search.js";
import { count } from "./format.js";
import { searchUrl } from "./search-url.js";

/** `q` with each standalone occurrence of `word` (any case) replaced. */
export function replaceWord(q: string, word: string, by: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return q.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}~*])`, "giu"), by);
}

export function DidYouMean(props: { state: SearchState; suggestions: SpellingSuggestion[] }) {
  const { state, suggestions } = props;
  if (suggestions.length === 0) return null;
  return (
    <p class="suggest did-you-mean">
      Did you mean{" "}
      {suggestions.map((s, i) => (
        <>
          {i > 0 ? " or " : ""}
          <a href={searchUrl(state, { q: replaceWord(state.q, s.word, s.suggestion) })}>
            <strong>{s.suggestion}</strong>
          </a>{" "}
          <span class="n">({count(s.docs)} cables)</span>
        </>
      ))}
      ? All spellings:{" "}
      {suggestions.map((s) => (
        <>
          <a href={searchUrl(state, { q: replaceWord(state.q, s.word, `${s.word}~`) })}>
            <code>{s.word}~</code>
          </a>{" "}
        </>
      ))}
    </p>
  );
}
