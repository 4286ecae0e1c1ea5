/** The reader's links to other cables — REF list, cited-by — plus versions with diffs and "cite this". */
import type { CiteEdge } from "../../graph/types.js";
import type { CableView } from "../data/cable.js";
import {
  CITATION_FORMATS,
  type CitationFormat,
  citationLine,
  permalink,
} from "../data/citation.js";
import { cableUrl, dateTime, day } from "./format.js";

function EdgeState(props: { edge: CiteEdge | undefined }) {
  const e = props.edge;
  if (!e) return null;
  if (e.present) return <span class="when">{day(e.created)}</span>;
  return (
    <span class="missing-note">
      not in the archive
      {e.estimatedCreated ? `, estimated ${e.estimatedCreated}` : ""}
    </span>
  );
}

export function References(props: { data: CableView }) {
  const cable = props.data;
  if (cable.references.length === 0) return null;
  const edges = new Map(cable.cites.map((e) => [e.referenceId, e]));
  return (
    <section class="refs" aria-label="references">
      <h2>References</h2>
      <ol>
        {cable.references.map((r) => {
          const edge = r.referenceId ? edges.get(r.referenceId) : undefined;
          return (
            <li class={edge && !edge.present ? "missing" : undefined}>
              {r.label ? <span class="label">{r.label}.</span> : null}{" "}
              {r.referenceId ? (
                <>
                  <a href={cableUrl(r.referenceId)} class="cable-id">
                    {r.referenceId}
                  </a>{" "}
                  <EdgeState edge={edge} />{" "}
                  {edge?.subject ? <span class="subj">{edge.subject}</span> : null}
                  <div class="as-written">{r.text}</div>
                </>
              ) : (
                <span class="ref-other">
                  {r.text} <span class="kind">({r.kind})</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function CitedBy(props: { edges: CiteEdge[] }) {
  return (
    <section class="cited-by" aria-label="cited by">
      <h2>Cited by ({props.edges.length})</h2>
      {props.edges.length === 0 ? (
        <p class="empty">No cable in the archive cites this one.</p>
      ) : (
        <ul>
          {props.edges.map((e) => (
            <li>
              <a href={cableUrl(e.referenceId)} class="cable-id">
                {e.referenceId}
              </a>{" "}
              <span class="when">{day(e.created)}</span> {e.subject ?? ""}
              {e.label ? <span class="label"> (as REF {e.label})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Versions(props: { data: CableView }) {
  const { diffs } = props.data;
  const cable = props.data;
  if (cable.versions.length < 2) return null;
  const byId = new Map(diffs.map((d) => [d.versionId, d]));
  return (
    <section class="versions" aria-label="versions">
      <h2>Versions ({cable.versions.length})</h2>
      <ul>
        {cable.versions.map((v) => {
          const d = byId.get(v.versionId);
          return (
            <li>
              <strong>{v.current ? "Current" : `Version ${v.versionId}`}</strong>: released{" "}
              {dateTime(v.released) || "unknown"}, {v.source.format} copy from{" "}
              <code>{v.source.file}</code>, line {v.source.line}
              {d ? (
                <details class="diff">
                  <summary>
                    Differences from the current version (−{d.body.removed} +{d.body.added} lines
                    {d.fields.length ? `, ${d.fields.map((f) => f[0]).join(", ")}` : ""})
                  </summary>
                  {d.fields.length ? (
                    <table>
                      <tbody>
                        {d.fields.map(([f, a, b]) => (
                          <tr>
                            <th>{f}</th>
                            <td class="del">{a}</td>
                            <td class="ins">{b}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  {d.body.tooLarge ? (
                    <p>The texts differ too much to show line by line.</p>
                  ) : (
                    d.body.hunks.map((h) => (
                      <pre class="hunk">
                        {`@@ −${h.oldStart} +${h.newStart} @@\n`}
                        {h.lines.map((l) => (
                          <span class={l.op === "+" ? "ins" : l.op === "-" ? "del" : "ctx"}>
                            {`${l.op} ${l.text}\n`}
                          </span>
                        ))}
                      </pre>
                    ))
                  )}
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const FORMAT_LABELS: Record<CitationFormat, string> = {
  bibtex: "BibTeX",
  csl: "CSL-JSON",
  ris: "RIS",
};

/**
 * "Cite this": a reference line and a permalink on the configured base URL, and the citation as a
 * file for reference managers; reader.js adds the paragraph a reader points at to both.
 */
export function CiteThis(props: { data: CableView; origin: string }) {
  const c = props.data;
  const entry = { cable: { ...c, referenceId: c.referenceId! } };
  const link = permalink(props.origin, entry);
  const line = citationLine(entry, props.origin);
  const citation = line.slice(0, line.length - link.length - 2);
  const citeUrl = `${cableUrl(c.referenceId!)}/cite`;
  return (
    <section
      class="cite"
      aria-label="cite this"
      data-cite=""
      data-permalink={link}
      data-citation={citation}
    >
      <h2>Cite this</h2>
      <p class="citation" data-cite-text="">
        {line}
      </p>
      <p class="cite-formats">
        Download the citation:{" "}
        {CITATION_FORMATS.map((f) => (
          <a href={`${citeUrl}?format=${f}`} data-format={f} data-cite-href={citeUrl} download="">
            {FORMAT_LABELS[f]}
          </a>
        ))}
      </p>
      <p class="hint">
        To cite a paragraph, add its anchor: <code>{link}#p3</code> (click a paragraph number).
      </p>
    </section>
  );
}
