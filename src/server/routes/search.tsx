/**
 * `/search`: query box with syntax help, facet sidebar, hits-per-month histogram, results with
 * highlighted snippets, sort, keyset pagination and export links. Everything is in the URL.
 */

import type { Context, Hono } from "hono";
import { EXPORT_FORMATS, type ExportFormat } from "../../export/index.js";
import { exportResponse } from "../data/export.js";
import { FACET_FIELDS, type FacetField, hasFilters } from "../data/query.js";
import {
  type SearchData,
  type SearchState,
  searchData,
  searchJson,
  searchState,
} from "../data/search.js";
import { queryParams, SORTS, searchParams } from "../params.js";
import { type Problem, ProblemError } from "../problem.js";
import { analyticsUrl } from "../views/analytics-url.js";
import { CountList, HitList, Pager } from "../views/components.js";
import { DidYouMean } from "../views/did-you-mean.js";
import { EntityFacets } from "../views/entity-facets.js";
import { cableUrl, count, monthName } from "../views/format.js";
import { Histogram } from "../views/histogram.js";
import { Layout, type ViewContext } from "../views/layout.js";
import { QueryHelp } from "../views/query-help.js";
import { exportUrl, listContext, searchUrl, toggleFilter } from "../views/search-url.js";
import { type Deps, respond, viewContext } from "./page.js";

const FACET_TITLES: Record<FacetField, string> = {
  tag: "TAGS",
  origin: "Origin",
  classification: "Classification",
  caveat: "Caveat",
};

const SORT_LABELS: Record<(typeof SORTS)[number], string> = {
  relevance: "Relevance",
  "-created": "Newest first",
  created: "Oldest first",
  "-released": "Released, newest first",
  released: "Released, oldest first",
};

function SearchForm(props: { state: SearchState }) {
  const s = props.state;
  return (
    <form class="search-form" action="/search" method="get" data-search-form="">
      <input
        type="search"
        name="q"
        value={s.q}
        aria-label="Query"
        maxlength={4000}
        placeholder={'words, "phrases", tag:PGOV, NEAR(a b, 5)...'}
      />
      {FACET_FIELDS.flatMap((f) => s[f].map((v) => <input type="hidden" name={f} value={v} />))}
      {s.from ? <input type="hidden" name="from" value={s.from} /> : null}
      {s.to ? <input type="hidden" name="to" value={s.to} /> : null}
      <label>
        Sort{" "}
        <select name="sort" data-autosubmit="">
          {SORTS.map((o) => (
            <option value={o} selected={(s.sort ?? "relevance") === o}>
              {SORT_LABELS[o]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Search</button>
    </form>
  );
}

function ActiveFilters(props: { state: SearchState }) {
  const s = props.state;
  if (!hasFilters(s)) return null;
  return (
    <ul class="chips" aria-label="filters">
      {FACET_FIELDS.flatMap((f) =>
        s[f].map((v) => (
          <li>
            <a href={toggleFilter(s, f, v)} title="remove this filter">
              {FACET_TITLES[f]}: {v} ×
            </a>
          </li>
        )),
      )}
      {s.from || s.to ? (
        <li>
          <a href={searchUrl(s, { from: undefined, to: undefined })} title="remove the date range">
            Created: {s.from ?? "…"} – {s.to ?? "…"} ×
          </a>
        </li>
      ) : null}
      <li>
        <a
          class="clear"
          href={searchUrl(s, {
            tag: [],
            origin: [],
            classification: [],
            caveat: [],
            from: undefined,
            to: undefined,
          })}
        >
          clear all
        </a>
      </li>
    </ul>
  );
}

function Facets(props: { data: SearchData }) {
  const { state } = props.data;
  const facets = props.data.result.facets;
  if (!facets) return null;
  return (
    <aside class="facets" aria-label="facets">
      {FACET_FIELDS.map((f) =>
        facets[f].length === 0 ? null : (
          <section>
            <h2>{FACET_TITLES[f]}</h2>
            <CountList
              values={facets[f]}
              href={(v) => toggleFilter(state, f, v)}
              active={(v) => state[f].includes(v)}
            />
          </section>
        ),
      )}
      <EntityFacets state={state} facets={facets} />
    </aside>
  );
}

function Results(props: { data: SearchData; ctx: ViewContext }) {
  const { state, result } = props.data;
  const offset = result.offset ?? (state.page - 1) * state.limit;
  const page = Math.floor(offset / state.limit) + 1;
  const pager = (
    <Pager
      total={result.total}
      offset={offset}
      size={state.limit}
      shown={result.hits.length}
      first={searchUrl(state)}
      prev={
        result.prev === undefined
          ? null
          : result.prev === null
            ? searchUrl(state)
            : searchUrl(state, { cursor: result.prev, page: page - 1 })
      }
      next={result.next ? searchUrl(state, { cursor: result.next, page: page + 1 }) : null}
    />
  );
  return (
    <>
      {result.suggestions && result.suggestions.length > 0 ? (
        <p class="suggest">
          Cable ids starting so:{" "}
          {result.suggestions.map((id) => (
            <>
              <a href={cableUrl(id)}>{id}</a>{" "}
            </>
          ))}
        </p>
      ) : null}
      <DidYouMean state={state} suggestions={result.didYouMean ?? []} />
      <Histogram
        months={result.histogram ?? []}
        label="hits per month"
        href={(from, to) => searchUrl(state, { from, to })}
      />
      {pager}
      <HitList hits={result.hits} start={offset + 1} context={listContext(state)} />
      {pager}
      <p class="exports">
        Export all {count(result.total)} results:{" "}
        <a href={exportUrl(state, "csv")} download="">
          CSV
        </a>{" "}
        <a href={exportUrl(state, "jsonl")} download="">
          JSONL
        </a>{" "}
        <a href={exportUrl(state, "gexf")} download="">
          GEXF (reference graph)
        </a>
        <br />
        Cite them all:{" "}
        <a href={exportUrl(state, "bibtex", "/api/cite")} download="">
          BibTeX
        </a>{" "}
        <a href={exportUrl(state, "csl", "/api/cite")} download="">
          CSL-JSON
        </a>{" "}
        <a href={exportUrl(state, "ris", "/api/cite")} download="">
          RIS
        </a>
      </p>
      <p class="analyse">
        <a href={analyticsUrl("/analytics/timeline", state)}>Analyse these results</a> (timeline,
        bursts, secrecy, who was told, coverage)
      </p>
    </>
  );
}

function title(s: SearchState): string {
  const range =
    s.from || s.to ? ` ${s.from ? monthName(s.from) : "…"}–${s.to ? monthName(s.to) : "…"}` : "";
  return s.q ? `Search: ${s.q.slice(0, 80)}${range}` : `Search${range}`;
}

function SearchPage(props: {
  ctx: ViewContext;
  state: SearchState;
  data?: SearchData;
  error?: Problem;
}) {
  const { state, data, error } = props;
  return (
    <Layout
      ctx={props.ctx}
      title={title(state)}
      q={state.q}
      section="search"
      scripts={["search.js"]}
      skip={{ to: "hits", label: "Skip to results" }}
    >
      <div class="search-top">
        <SearchForm state={state} />
        <QueryHelp />
        <ActiveFilters state={state} />
        {error ? (
          <div class="problem" role="alert">
            <p>{error.detail}</p>
            {typeof error.position === "number" ? (
              <pre class="caret">
                {state.q.replace(/[\r\n\t]/g, " ")}
                {"\n"}
                {" ".repeat(error.position)}^
              </pre>
            ) : null}
          </div>
        ) : null}
      </div>
      {data ? (
        <div class="search-body">
          <section class="results" aria-label="results">
            <Results data={data} ctx={props.ctx} />
          </section>
          <Facets data={data} />
        </div>
      ) : null}
    </Layout>
  );
}

const isExport = (f: string | undefined): f is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(f ?? "");

/**
 * The search view as data: its JSON (`/api/search`, `/search?format=json`), or every match as a
 * file (`format=csv|jsonl|gexf`, the same answer as `/api/export`).
 */
export async function searchResource(c: Context, deps: Deps): Promise<Response> {
  const p = queryParams(c, searchParams);
  const state = searchState(p);
  if (isExport(p.format))
    return exportResponse(deps.archive, state, p.format, { public: deps.public });
  return c.json(searchJson((await searchData(deps.archive, state)).result));
}

export function registerSearch(app: Hono, deps: Deps): void {
  app.get("/search", async (c) => {
    const p = queryParams(c, searchParams);
    if (p.format && p.format !== "html") return searchResource(c, deps);
    const state = searchState(p);
    let data: SearchData;
    try {
      data = await searchData(deps.archive, state);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      const problem = err.problem;
      return respond(
        c,
        problem,
        () => <SearchPage ctx={viewContext(c, deps)} state={state} error={problem} />,
        problem.status,
      );
    }
    const exact = data.result.exactId;
    if (exact && !hasFilters(state) && !state.cursor) {
      return c.redirect(cableUrl(exact), 302);
    }
    return respond(c, data, () => (
      <SearchPage ctx={viewContext(c, deps)} state={state} data={data} />
    ));
  });
}
