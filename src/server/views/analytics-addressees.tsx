/** The "who was told what" page and the drill-down list of cables behind a cell or a signal. */
import type { Addressees } from "../../analytics/addressees.js";
import { OTHER } from "../../analytics/table.js";
import type { DrillAnalysis, ViewData } from "../data/analytics.js";
import { AnalyticsFrame } from "./analytics-frame.js";
import { Bars, DataTable, Heatmap } from "./analytics-tables.js";
import { analyticsUrl, cellUrl, csvUrl } from "./analytics-url.js";
import { cableUrl, count, day } from "./format.js";
import type { ViewContext } from "./layout.js";

const PATH = "/analytics/addressees";

export function AddresseesPage(props: { ctx: ViewContext; data: ViewData<Addressees> }) {
  const d = props.data;
  const a = d.analysis;
  const csv = (name: string) => csvUrl(PATH, d.state, name);
  return (
    <AnalyticsFrame ctx={props.ctx} title="Who was told what" path={PATH} data={d}>
      <section>
        <h2>Flow: sending post → addressee posts</h2>
        <p class="note">
          A matrix rather than a chord or Sankey diagram: with a hundred posts or more on each side
          ribbons overlap past reading, while every cell of a matrix stays readable and clickable.
          The busiest senders and addressees get a row and a column; the rest fold into (other), and
          every cell — (other) and (none) too — lists its cables. A cell counts cables, each once; a
          cable to three posts is in three cells of its row.
        </p>
        <Heatmap
          matrix={a.flow}
          csv={csv("flow")}
          href={(sender, addressee) =>
            sender === OTHER || addressee === OTHER
              ? cellUrl(d.state, "flow", sender, addressee)
              : analyticsUrl("/analytics/cables", d.state, { sender, addressee })
          }
        />
      </section>
      <DataTable table={a.addressees} csv={csv("addressees")} />
      <div class="grid">
        <Bars
          table={a.precedence}
          csv={csv("precedence")}
          href={(p) => cellUrl(d.state, "precedence", p)}
        />
        <Bars
          table={a.collectives}
          csv={csv("collectives")}
          href={(p) => cellUrl(d.state, "collectives", p)}
        />
      </div>
      <Heatmap
        matrix={a.precedenceByYear}
        csv={csv("precedence-by-year")}
        href={(year, precedence) => cellUrl(d.state, "precedence-by-year", year, precedence)}
      />
      <DataTable table={a.routes} csv={csv("routes")} />
    </AnalyticsFrame>
  );
}

export function DrillPage(props: {
  ctx: ViewContext;
  data: ViewData<DrillAnalysis>;
  extra: Record<string, string | undefined>;
}) {
  const d = props.data;
  const a = d.analysis;
  return (
    <AnalyticsFrame
      ctx={props.ctx}
      title={a.title}
      path="/analytics/cables"
      data={d}
      options={Object.entries(props.extra).map(([k, v]) =>
        v ? <input type="hidden" name={k} value={v} /> : null,
      )}
    >
      <p class="drill-count">
        {count(a.count)} cable{a.count === 1 ? "" : "s"}
        {a.count > a.cables.length ? ` (the first ${a.cables.length} listed)` : ""}.{" "}
        <a href={csvUrl("/analytics/cables", d.state, "cables", props.extra)} download="">
          CSV
        </a>
      </p>
      <ol class="drill">
        {a.cables.map((c) => (
          <li>
            <a class="cable-id" href={cableUrl(c.referenceId)}>
              {c.referenceId}
            </a>{" "}
            {day(c.created)} · {c.level ?? "unmarked"} · {c.origin ?? ""} · {c.subject ?? ""}
            {c.reported ? <span class="reported"> — reports {c.reported.join("; ")}</span> : null}
          </li>
        ))}
      </ol>
    </AnalyticsFrame>
  );
}
