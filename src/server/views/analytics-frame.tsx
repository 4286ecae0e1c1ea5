/**
 * The frame of every analytics page: the query form (the same query and filters as the search
 * page, so a search is one click away and back), the tabs between views, and the set's size.
 */
import type { Child } from "hono/jsx";
import type { AnalyticsState, ViewData } from "../data/analytics.js";
import { analyticsUrl } from "./analytics-url.js";
import { count } from "./format.js";
import { Layout, type ViewContext } from "./layout.js";

export const VIEWS = [
  ["/analytics/timeline", "Timeline"],
  ["/analytics/bursts", "Bursts"],
  ["/analytics/spikes", "What spiked"],
  ["/analytics/secrecy", "Secrecy"],
  ["/analytics/addressees", "Who was told"],
  ["/analytics/coverage", "Coverage"],
] as const;

export type ViewPath = (typeof VIEWS)[number][0];

function Hidden(props: { state: AnalyticsState }) {
  const s = props.state;
  return (
    <>
      {(["tag", "origin", "classification", "caveat"] as const).flatMap((f) =>
        s[f].map((v) => <input type="hidden" name={f} value={v} />),
      )}
      {s.from ? <input type="hidden" name="from" value={s.from} /> : null}
      {s.to ? <input type="hidden" name="to" value={s.to} /> : null}
    </>
  );
}

export function AnalyticsFrame(props: {
  ctx: ViewContext;
  title: string;
  path: ViewPath | "/analytics/cables";
  /** The view's answer: the state, the query run and the set's size are what the frame shows. */
  data: Pick<ViewData<unknown>, "state" | "query" | "total">;
  /** View-specific form controls (period, overlays...). */
  options?: Child;
  /** Parameters the tabs keep (none by default: each view has its own options). */
  children?: Child;
}) {
  const { state: s, query, total } = props.data;
  return (
    <Layout
      ctx={props.ctx}
      title={props.title}
      q={s.q}
      styles={["analytics.css"]}
      scripts={["analytics.js"]}
    >
      <div class="analytics">
        <h1>{props.title}</h1>
        <form class="analytics-form" action={props.path} method="get">
          <label>
            Query{" "}
            <input type="search" name="q" value={s.q} maxlength={4000} placeholder="all cables" />
          </label>
          <Hidden state={s} />
          {props.options}
          <button type="submit">Analyse</button>
        </form>
        <p class="set">
          {count(total)} cable{total === 1 ? "" : "s"}
          {query ? (
            <>
              {" "}
              for <code>{query}</code>
            </>
          ) : (
            " (the whole archive)"
          )}{" "}
          · <a href={analyticsUrl("/search", s)}>Back to search</a>
        </p>
        <nav class="tabs" aria-label="analytics views">
          {VIEWS.map(([path, label]) => (
            <a href={analyticsUrl(path, s)} aria-current={path === props.path ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
        {props.children}
      </div>
    </Layout>
  );
}
