/** Small pieces several pages use: badges, hit lists, snippets, pagers, facet lists. */
import type { FacetCount, SearchHit } from "../../search/types.js";
import { cableUrl, count, day, levelClass, snippetParts } from "./format.js";

export function ClassificationBadge(props: { value: string | null }) {
  return (
    <span class={`badge ${levelClass(props.value)}`} title="classification">
      {props.value ?? "unknown classification"}
    </span>
  );
}

/** A paragraph's portion marking: `(S/NF)` in the colour of its level. */
export function MarkingBadge(props: { marking: string }) {
  return (
    <span class={`badge marking ${levelClass(props.marking)}`} title="portion marking">
      ({props.marking})
    </span>
  );
}

export function Snippet(props: { html: string }) {
  return (
    <p class="snippet">
      {snippetParts(props.html).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}
    </p>
  );
}

/**
 * The hits of a page. `context` (`?q=...&sort=...`) goes on the links to the reader, which then
 * offers the previous and next hit of this list.
 */
export function HitList(props: { hits: SearchHit[]; start: number; context?: string }) {
  if (props.hits.length === 0) return <p class="empty">No cables.</p>;
  const ctx = props.context ?? "";
  const link = (id: string, paragraph?: number | null) => {
    const url = cableUrl(id, paragraph);
    const hash = url.indexOf("#");
    return hash < 0 ? `${url}${ctx}` : `${url.slice(0, hash)}${ctx}${url.slice(hash)}`;
  };
  return (
    <ol class="hits" start={props.start} id="hits" tabindex={-1}>
      {props.hits.map((h) => (
        <li class="hit">
          <div class="hit-head">
            <a class="cable-id" href={link(h.referenceId)}>
              {h.referenceId}
            </a>
            <ClassificationBadge value={h.classification} />
            {h.partial ? (
              <span class="badge partial" title="the source holds only an extract of this cable">
                partial extract
              </span>
            ) : null}
            {h.created || !h.createdEstimate ? (
              <time datetime={h.created ?? undefined}>{day(h.created) || "undated"}</time>
            ) : (
              <time
                class="estimated"
                datetime={h.createdEstimate}
                title="undated: estimated from serial numbers or the DECL date"
              >
                ≈ {day(h.createdEstimate)} (est.)
              </time>
            )}
            <span class="origin">{h.origin ?? ""}</span>
          </div>
          <a class="hit-subject" href={link(h.referenceId, h.paragraph)}>
            {h.subject ?? "(no subject)"}
          </a>
          {h.snippet ? <Snippet html={h.snippet} /> : null}
          {h.paragraph !== null ? (
            <a class="para-link" href={link(h.referenceId, h.paragraph)}>
              ¶{h.paragraph}
            </a>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * "Page 2 of 49 · 21–40 of 979" with links to the first, previous and next pages. `offset` is
 * where the page really starts (the search layer counts it), `prev` the previous page's link:
 * null when there is none.
 */
export function Pager(props: {
  total: number;
  offset: number;
  size: number;
  shown: number;
  first: string;
  prev: string | null;
  next: string | null;
}) {
  const from = props.offset + 1;
  const to = props.offset + props.shown;
  const page = Math.floor(props.offset / props.size) + 1;
  const pages = Math.max(1, Math.ceil(props.total / props.size));
  return (
    <nav class="pager" aria-label="pages">
      {props.total === 0 ? (
        <span>No results</span>
      ) : (
        <span>
          <span class="page">
            Page {count(page)} of {count(pages)}
          </span>{" "}
          · {count(from)}–{count(to)} of {count(props.total)}
        </span>
      )}
      {props.prev !== null && page > 2 ? <a href={props.first}>« First page</a> : null}
      {props.prev !== null ? (
        <a href={props.prev} rel="prev">
          ‹ Previous page
        </a>
      ) : null}
      {props.next ? (
        <a href={props.next} rel="next">
          Next page ›
        </a>
      ) : null}
    </nav>
  );
}

/** A list of values with counts, each a link. */
export function CountList(props: {
  values: FacetCount[];
  href: (value: string) => string;
  active?: (value: string) => boolean;
  label?: (value: string) => string;
}) {
  return (
    <ul class="counts">
      {props.values.map((v) => (
        <li class={props.active?.(v.value) ? "active" : undefined}>
          <a href={props.href(v.value)}>{props.label ? props.label(v.value) : v.value}</a>
          <span class="n">{count(v.count)}</span>
        </li>
      ))}
    </ul>
  );
}
