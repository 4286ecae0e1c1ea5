/** Pages of the timeline, the bursts and "what spiked". */
import type { RankedBurst } from "../../analytics/bursts.js";
import { PERIODS } from "../../analytics/periods.js";
import type { Table } from "../../analytics/table.js";
import type { Timeline } from "../../analytics/timeline.js";
import type { BurstsAnalysis, SpikesAnalysis, ViewData } from "../data/analytics.js";
import { MAX_OVERLAYS } from "../data/analytics-params.js";
import { AnalyticsFrame } from "./analytics-frame.js";
import { TableView } from "./analytics-tables.js";
import { TimelineChart } from "./analytics-timeline.js";
import { analyticsUrl, csvUrl, searchFor } from "./analytics-url.js";
import { cableUrl, count, day } from "./format.js";
import type { ViewContext } from "./layout.js";

function PeriodSelect(props: { by: string }) {
  return (
    <label>
      Per{" "}
      <select name="by">
        {PERIODS.map((p) => (
          <option value={p} selected={p === props.by}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TimelinePage(props: {
  ctx: ViewContext;
  data: ViewData<Timeline> & { normalise: boolean };
  vs: string[];
}) {
  const d = props.data;
  const t = d.analysis;
  const extra = {
    by: t.by,
    normalise: d.normalise ? "1" : null,
    reported: t.reported ? null : "0",
    vs: props.vs,
  };
  const overlays = [...props.vs, ...Array(MAX_OVERLAYS - props.vs.length).fill("")] as string[];
  return (
    <AnalyticsFrame
      ctx={props.ctx}
      title="Timeline"
      path="/analytics/timeline"
      data={d}
      options={
        <>
          <PeriodSelect by={t.by} />
          <label>
            <input type="checkbox" name="normalise" value="1" checked={d.normalise} /> share of all
            cables
          </label>
          <label>
            Dates the cables report{" "}
            <select name="reported">
              <option value="1" selected={t.reported}>
                shown
              </option>
              <option value="0" selected={!t.reported}>
                hidden
              </option>
            </select>
          </label>
          <fieldset class="overlays">
            <legend>Compare with (up to {MAX_OVERLAYS} more queries)</legend>
            {overlays.map((v, i) => (
              <input
                type="search"
                name="vs"
                value={v}
                aria-label={`query ${i + 2}`}
                maxlength={4000}
              />
            ))}
          </fieldset>
        </>
      }
    >
      <p class="note">
        Solid lines: cables by creation date (when they were sent).
        {t.reported
          ? " Dashed lines: the dates the cables report in their paragraphs (“on May 13”, “13-15 May 2005”), a year inferred from the cable's date when none is written; each day a cable reports counts once (cable-days)."
          : " The dates the cables report are not shown."}
        {d.normalise
          ? " Each point is the share of all archive cables of that period, so a busy period for the whole corpus does not look like a rise."
          : ""}
      </p>
      <TimelineChart
        timeline={t}
        normalise={d.normalise}
        csv={csvUrl("/analytics/timeline", d.state, "timeline", extra)}
        periodHref={(series, from, to) =>
          analyticsUrl(
            "/search",
            { ...d.state, q: series === 0 ? d.state.q : (props.vs[series - 1] ?? "") },
            {
              from,
              to,
              sort: "created",
            },
          )
        }
        reportedHref={(series, from, to) =>
          analyticsUrl(
            "/analytics/cables",
            { ...d.state, q: series === 0 ? d.state.q : (props.vs[series - 1] ?? "") },
            { reported_from: from, reported_to: to },
          )
        }
      />
    </AnalyticsFrame>
  );
}

function BurstList(props: { bursts: RankedBurst[] }) {
  return (
    <ol class="bursts">
      {props.bursts.map((b) => (
        <li>
          <strong>{b.value}</strong>{" "}
          <span class="period">{b.start === b.end ? b.start : `${b.start} – ${b.end}`}</span> ·
          strength {b.strength} ·{" "}
          {b.query ? (
            <a href={searchFor(b.query)}>
              {count(b.count)} cable{b.count === 1 ? "" : "s"}
            </a>
          ) : (
            `${count(b.count)} cables`
          )}
          {b.cables && b.cables.length > 0 ? (
            <ul class="burst-cables">
              {b.cables.map((c) => (
                <li>
                  <a href={cableUrl(c.referenceId)}>{c.referenceId}</a> {day(c.created)}{" "}
                  {c.subject ?? ""}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const KINDS = [
  ["query", "this query's series"],
  ["tag", "every TAG"],
  ["origin", "every origin"],
] as const;

export function BurstsPage(props: { ctx: ViewContext; data: ViewData<BurstsAnalysis> }) {
  const d = props.data;
  const a = d.analysis;
  return (
    <AnalyticsFrame
      ctx={props.ctx}
      title="Bursts"
      path="/analytics/bursts"
      data={d}
      options={
        <>
          <label>
            Bursts of{" "}
            <select name="kind">
              {KINDS.map(([k, label]) => (
                <option value={k} selected={k === a.kind}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <PeriodSelect by={a.by} />
        </>
      }
    >
      <p class="note">
        Kleinberg's two-state burst automaton (s = 2, γ = 1) over{" "}
        {a.kind === "query" ? `cables per ${a.by}` : "cables per month"}, against{" "}
        {a.kind === "query" || d.query === "" ? "all archive cables" : "all cables of this query"}{" "}
        of the same period: a burst is a rise in the share of the traffic. Strength is the burst's
        weight (how much better the burst state explains it). TAG and origin series need at least 5
        cables.
      </p>
      {a.bursts.length === 0 ? <p>No bursts found.</p> : <BurstList bursts={a.bursts} />}
      <TableView
        table={d.tables[0]!}
        csv={csvUrl("/analytics/bursts", d.state, "bursts", { kind: a.kind, by: a.by })}
        link={(row, col) => (col === 1 && row[8] ? searchFor(String(row[8])) : null)}
      />
    </AnalyticsFrame>
  );
}

/** One dimension's bursts on the "what spiked" page: the list, then its table. */
function SpikeSection(props: {
  title: string;
  none: string;
  bursts: RankedBurst[];
  table: Table;
  csv: string;
}) {
  return (
    <section>
      <h2>{props.title}</h2>
      {props.bursts.length === 0 ? <p>{props.none}</p> : <BurstList bursts={props.bursts} />}
      <TableView table={props.table} csv={props.csv} />
    </section>
  );
}

export function SpikesPage(props: { ctx: ViewContext; data: ViewData<SpikesAnalysis> }) {
  const d = props.data;
  const a = d.analysis;
  const extra = { start: a.start, end: a.end };
  return (
    <AnalyticsFrame
      ctx={props.ctx}
      title="What spiked"
      path="/analytics/spikes"
      data={d}
      options={
        <>
          <label>
            From <input type="month" name="start" value={a.start} pattern="\d{4}-\d{2}" />
          </label>
          <label>
            to <input type="month" name="end" value={a.end} pattern="\d{4}-\d{2}" />
          </label>
        </>
      }
    >
      <p class="note">
        The strongest TAG and origin bursts overlapping {a.start}
        {a.end !== a.start ? ` – ${a.end}` : ""} (monthly Kleinberg bursts, as on the Bursts page).
      </p>
      <SpikeSection
        title="TAGS"
        none="No TAG bursts in this period."
        bursts={a.tags}
        table={d.tables[0]!}
        csv={csvUrl("/analytics/spikes", d.state, "tag-bursts", extra)}
      />
      <SpikeSection
        title="Origins"
        none="No origin bursts in this period."
        bursts={a.origins}
        table={d.tables[1]!}
        csv={csvUrl("/analytics/spikes", d.state, "origin-bursts", extra)}
      />
    </AnalyticsFrame>
  );
}
