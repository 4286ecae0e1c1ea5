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

export function HitList(props: { hits: SearchHit[]; start: number }) {
  if (props.hits.length === 0) return <p class="empty">No cables.</p>;
  return (
    <ol class="hits" start={props.start}>
      {props.hits.map((h) => (
        <li class="hit">
          <div class="hit-head">
            <a class="cable-id" href={cableUrl(h.referenceId)}>
              {h.referenceId}
            </a>
            <ClassificationBadge value={h.classification} />
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
          <a class="hit-subject" href={cableUrl(h.referenceId, h.paragraph)}>
            {h.subject ?? "(no subject)"}
          </a>
          {h.snippet ? <Snippet html={h.snippet} /> : null}
          {h.paragraph !== null ? (
            <a class="para-link" href={cableUrl(h.referenceId, h.paragraph)}>
              ¶{h.paragraph}
            </a>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** "Results 21–40 of 979" with links to the first and the next page. */
export function Pager(props: {
  total: number;
  page: number;
  size: number;
  shown: number;
  first: string;
  next: string | null;
}) {
  const from = (props.page - 1) * props.size + 1;
  const to = from + props.shown - 1;
  return (
    <nav class="pager" aria-label="pages">
      <span>
        {props.total === 0 ? "No results" : `${count(from)}–${count(to)} of ${count(props.total)}`}
      </span>
      {props.page > 1 ? <a href={props.first}>« First page</a> : null}
      {props.next ? (
        <a href={props.next} rel="next">
          Next page »
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
