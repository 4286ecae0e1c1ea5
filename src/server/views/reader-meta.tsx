/** The reader's metadata panel: identity, dates, classification, TAGS and reasons explained, header. */
import type { Child } from "hono/jsx";
import type { Recipient } from "../../model/cable.js";
import type { CableView } from "../data/cable.js";
import { ClassificationBadge } from "./components.js";
import { browseUrl, dateTime, withQuery } from "./format.js";

function Row(props: { label: string; children?: Child }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function Recipients(props: { list: Recipient[] }) {
  return (
    <ul class="recipients">
      {props.list.map((r) => (
        <li>
          {r.route ? <code>{r.route}/</code> : null}
          {r.name}
          {r.precedence ? ` ${r.precedence}` : ""}
          {r.mcn ? ` ${r.mcn}` : ""}
          {r.excluded.length ? ` (excluding ${r.excluded.join(", ")})` : ""}
        </li>
      ))}
    </ul>
  );
}

export function MetaPanel(props: { data: CableView }) {
  const { tagInfo: tags, reasonInfo: reasons } = props.data;
  const cable = props.data;
  const cb = cable.classifiedBy;
  const hasHeader =
    cable.transmissionId ||
    cable.precedence ||
    cable.dtg ||
    cable.from ||
    cable.to.length ||
    cable.info.length;
  return (
    <aside class="meta" aria-label="metadata">
      <dl>
        <Row label="Reference ID">
          <code>{cable.referenceId}</code>
        </Row>
        <Row label="Created">
          {cable.created ? (
            dateTime(cable.created)
          ) : cable.createdEstimate ? (
            <span class="estimated">
              unknown; estimated ≈ {cable.createdEstimate.date} (between{" "}
              {cable.createdEstimate.from} and {cable.createdEstimate.to}:{" "}
              {cable.createdEstimate.witnesses.join("; ")})
            </span>
          ) : (
            "unknown"
          )}
        </Row>
        <Row label="Released">{dateTime(cable.released) || "unknown"}</Row>
        <Row label="Origin">
          {cable.origin ? (
            <a href={browseUrl("origin", cable.origin)}>{cable.origin}</a>
          ) : (
            "unknown"
          )}
          {cable.station ? ` (${cable.station})` : ""}
        </Row>
        <Row label="Classification">
          <ClassificationBadge value={cable.classification} />
        </Row>
        {cable.caveats.length ? (
          <Row label="Caveats">
            {cable.caveats.map((c) => (
              <>
                <a class="chip" href={withQuery("/search", { caveat: c })}>
                  {c}
                </a>{" "}
              </>
            ))}
          </Row>
        ) : null}
        {cable.declassification ? (
          <Row label="Declassify">
            {cable.declassification.date ?? cable.declassification.text}
            {cable.declassification.authority ? ` (${cable.declassification.authority})` : ""}
          </Row>
        ) : null}
        {tags.length ? (
          <Row label="TAGS">
            <ul class="tags">
              {tags.map((t) => (
                <li>
                  <a href={browseUrl("tag", t.tag)}>
                    <code>{t.tag}</code>
                  </a>{" "}
                  <span class="meaning">
                    {t.meaning ?? `(${t.kind === "unknown" ? "meaning unknown" : t.kind})`}
                  </span>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        {cb ? (
          <Row label="Classified by">
            {cb.names.join(", ") || cb.text}
            {cb.title ? `, ${cb.title}` : ""}
            {reasons.length ? (
              <ul class="reasons">
                {reasons.map((r) =>
                  "unknown" in r ? (
                    <li>
                      <code>{r.code}</code> (not in the reason table)
                    </li>
                  ) : (
                    <li>
                      <code>{r.code}</code> {r.category} <span class="order">({r.order})</span>
                    </li>
                  ),
                )}
              </ul>
            ) : null}
          </Row>
        ) : null}
        {cable.signers.length ? <Row label="Signed">{cable.signers.join(", ")}</Row> : null}
        {cable.partial ? (
          <Row label="Partial">the source holds only an extract of this cable</Row>
        ) : null}
      </dl>
      {hasHeader ? (
        <details class="header">
          <summary>Transmission header</summary>
          <dl>
            {cable.transmissionId ? <Row label="Transmission">{cable.transmissionId}</Row> : null}
            {cable.precedence ? <Row label="Precedence">{cable.precedence}</Row> : null}
            {cable.dtg ? <Row label="DTG">{dateTime(cable.dtg)}</Row> : null}
            {cable.from ? <Row label="From">{cable.from}</Row> : null}
            {cable.to.length ? (
              <Row label="To">
                <Recipients list={cable.to} />
              </Row>
            ) : null}
            {cable.info.length ? (
              <Row label="Info">
                <Recipients list={cable.info} />
              </Row>
            ) : null}
          </dl>
        </details>
      ) : null}
    </aside>
  );
}
