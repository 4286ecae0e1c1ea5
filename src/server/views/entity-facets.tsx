/**
 * Person, organisation and place facets of the search sidebar: each value narrows the query with
 * `person:ID` (or `org:`, `place:`), and links to the entity's page.
 */

import type { SearchResult } from "../../search/types.js";
import type { SearchState } from "../data/search.js";
import { count } from "./format.js";
import { searchUrl } from "./search-url.js";

const TITLES = { person: "People", org: "Organisations", place: "Places" } as const;

export function EntityFacets(props: {
  state: SearchState;
  facets: NonNullable<SearchResult["facets"]>;
}) {
  const { state, facets } = props;
  return (
    <>
      {(["person", "org", "place"] as const).map((type) => {
        const values = facets[type] ?? [];
        if (values.length === 0) return null;
        return (
          <section class="entity-facet" data-facet={type}>
            <h2>{TITLES[type]}</h2>
            <ul class="counts">
              {values.map((v) => {
                const term = `${type}:${v.value}`;
                const active = state.q.split(/\s+/).includes(term);
                return (
                  <li class={active ? "active" : undefined}>
                    <a
                      href={searchUrl(state, { q: active ? state.q : `${state.q} ${term}`.trim() })}
                    >
                      {v.label}
                    </a>{" "}
                    <a
                      class="entity-link"
                      href={`/entities/${encodeURIComponent(v.value)}`}
                      title="page"
                    >
                      ↗
                    </a>
                    <span class="n">{count(v.count)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
