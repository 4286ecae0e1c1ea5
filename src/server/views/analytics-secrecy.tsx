/** The secrecy page: levels, markings, matrices, horizon, over-classification signals, classifiers. */

import { narrow, quoted } from "../../analytics/result.js";
import { type Secrecy, SIGNAL_TITLES, SIGNALS } from "../../analytics/secrecy.js";
import { NONE, OTHER } from "../../analytics/table.js";
import type { ViewData } from "../data/analytics.js";
import { AnalyticsFrame } from "./analytics-frame.js";
import { Bars, DataTable, Heatmap } from "./analytics-tables.js";
import { analyticsUrl, cellUrl, csvUrl, searchFor } from "./analytics-url.js";
import { cableUrl, day } from "./format.js";
import type { ViewContext } from "./layout.js";

const PATH = "/analytics/secrecy";

export function SecrecyPage(props: { ctx: ViewContext; data: ViewData<Secrecy> }) {
  const d = props.data;
  const s = d.analysis;
  const csv = (name: string) => csvUrl(PATH, d.state, name);
  /** A search for the set narrowed by a field's value; none for folded or missing values. */
  const by = (field: string, matrix: string) => (value: string) => {
    const v = value === NONE || value === OTHER ? null : quoted(value);
    return v ? searchFor(narrow(d.query, `${field}:${v}`)) : cellUrl(d.state, matrix, value);
  };
  const cell = (colField: string, matrix: string) => (row: string, col: string) => {
    const folded = [row, col].some((x) => x === NONE || x === OTHER);
    const r = quoted(row);
    const c = colField === "year" ? col : quoted(col);
    return !folded && r && c
      ? searchFor(narrow(d.query, `classification:${r}`, `${colField}:${c}`))
      : cellUrl(d.state, matrix, row, col);
  };
  return (
    <AnalyticsFrame ctx={props.ctx} title="Secrecy" path={PATH} data={d}>
      <div class="grid">
        <Bars table={s.levels} csv={csv("levels")} href={by("classification", "levels")} />
        <Bars table={s.markings} csv={csv("markings")} />
      </div>
      <Heatmap
        matrix={s.levelByYear}
        csv={csv("level-by-year")}
        href={cell("year", "level-by-year")}
      />
      <Heatmap
        matrix={s.levelByOrigin}
        csv={csv("level-by-origin")}
        href={cell("origin", "level-by-origin")}
      />
      <div class="grid">
        <Bars table={s.caveats} csv={csv("caveats")} href={by("caveat", "caveats")} />
        <Bars table={s.reasons} csv={csv("reasons")} href={by("reason", "reasons")} />
      </div>
      <Bars
        table={s.horizon}
        csv={csv("horizon")}
        limit={60}
        href={(years) => cellUrl(d.state, "horizon", years)}
      />
      <section class="signals">
        <h2>Over-classification signals</h2>
        <p class="note">
          Portion markings against the banner: only cables whose paragraphs carry markings are
          judged (an unmarked paragraph says nothing).
        </p>
        {SIGNALS.map((name) => {
          const sig = s.signals[name];
          return (
            <section class="signal" id={`signal-${name}`}>
              <h3>
                {SIGNAL_TITLES[name]}:{" "}
                <a href={analyticsUrl("/analytics/cables", d.state, { signal: name })}>
                  {sig.count.toLocaleString("en-US")}
                </a>
              </h3>
              <ul>
                {sig.cables.slice(0, 20).map((c) => (
                  <li>
                    <a href={cableUrl(c.referenceId)}>{c.referenceId}</a> {c.level} {day(c.created)}{" "}
                    ({c.markings.join(" ")}) {c.subject ?? ""}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>
      <DataTable table={s.classifiers} csv={csv("classifiers")} />
    </AnalyticsFrame>
  );
}
