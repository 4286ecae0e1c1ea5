/** The coverage matrix (posts × years) and the thread of a cable. */
import type { Coverage } from "../../analytics/coverage.js";
import { narrow } from "../../analytics/result.js";
import type { Table } from "../../analytics/table.js";
import type { Thread } from "../../analytics/thread.js";
import type { ViewData } from "../data/analytics.js";
import { AnalyticsFrame } from "./analytics-frame.js";
import { DataTable, TableView } from "./analytics-tables.js";
import { csvUrl, searchFor } from "./analytics-url.js";
import { cableUrl, count, day, withQuery } from "./format.js";
import { Layout, type ViewContext } from "./layout.js";

const PATH = "/analytics/coverage";
/** Posts given a row of the matrix (most cables held first); the table view lists them all. */
export const COVERAGE_ROWS = 60;

function shareClass(share: number): string {
  if (share <= 0) return "h0";
  return `h${Math.min(5, 1 + Math.floor(share * 4.999))}`;
}

export function CoveragePage(props: { ctx: ViewContext; data: ViewData<Coverage> }) {
  const d = props.data;
  const c = d.analysis;
  const years = [...new Set(c.rows.map((r) => r.year))].sort((a, b) => a - b);
  const byStation = new Map<string, Map<number, Coverage["rows"][number]>>();
  const heldBy = new Map<string, number>();
  for (const r of c.rows) {
    let m = byStation.get(r.station);
    if (!m) {
      m = new Map();
      byStation.set(r.station, m);
    }
    m.set(r.year, r);
    heldBy.set(r.station, (heldBy.get(r.station) ?? 0) + r.held);
  }
  const stations = [...byStation.keys()]
    .sort((a, b) => heldBy.get(b)! - heldBy.get(a)! || (a < b ? -1 : 1))
    .slice(0, COVERAGE_ROWS);
  return (
    <AnalyticsFrame ctx={props.ctx} title="Coverage" path={PATH} data={d}>
      <p class="note">
        Serial numbers run per post and year, so the highest serial seen (held, or cited by a held
        cable) bounds from below how many cables a post sent. Each cell: cables held / highest
        serial, shaded by the share held; cited-but-missing cables in brackets.
      </p>
      <figure class="chart heatmap" data-chart="coverage">
        <div class="table-wrap">
          <table class="matrix" id="table-coverage-matrix">
            <caption>
              Cables held per post and year (the {Math.min(COVERAGE_ROWS, byStation.size)} posts
              with most cables of {count(byStation.size)})
            </caption>
            <thead>
              <tr>
                <th scope="col">post \ year</th>
                {years.map((y) => (
                  <th scope="col">{y}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stations.map((s) => (
                <tr>
                  <th scope="row">{s}</th>
                  {years.map((y) => {
                    const r = byStation.get(s)!.get(y);
                    if (!r) return <td class="n h0" />;
                    const text = `${r.held}/${r.highestSerial}${r.missing ? ` (${r.missing})` : ""}`;
                    return (
                      <td class={`n ${shareClass(r.share)}`}>
                        {r.held > 0 ? (
                          <a
                            href={searchFor(narrow(d.query, `station:${s}`, `year:${y}`))}
                            aria-label={`${s} ${y}: ${r.held} held of serials up to ${r.highestSerial}, ${r.missing} cited but missing`}
                          >
                            {text}
                          </a>
                        ) : (
                          text
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
      <TableView
        summary="Table view (every post and year)"
        table={d.tables[0]!}
        csv={csvUrl(PATH, d.state, "coverage")}
      />
    </AnalyticsFrame>
  );
}

const LANE = 26;
const WIDTH = 760;
const LEFT = 130;

/** Messages on a time axis, one lane per post: who wrote when, and in answer to what. */
function ThreadChart(props: { thread: Thread }) {
  const dated = props.thread.messages.filter((m) => m.created && m.post);
  if (dated.length === 0) return null;
  const posts = [...new Set(dated.map((m) => m.post!))];
  const times = dated.map((m) => Date.parse(m.created!));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) =>
    LEFT + (t1 === t0 ? (WIDTH - LEFT) / 2 : ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - 10));
  return (
    <svg
      class="thread-chart"
      viewBox={`0 0 ${WIDTH} ${posts.length * LANE + 10}`}
      role="img"
      aria-label={`Thread of ${props.thread.root}: ${dated.length} dated messages across ${posts.length} posts`}
    >
      {posts.map((p, i) => (
        <>
          <line class="lane" x1={LEFT} x2={WIDTH} y1={i * LANE + 15} y2={i * LANE + 15} />
          <text class="lane-label" x={0} y={i * LANE + 19}>
            {p.slice(0, 18)}
          </text>
        </>
      ))}
      {dated.map((m) => (
        <a href={cableUrl(m.referenceId)}>
          <circle
            class={`msg ${m.role}`}
            cx={x(Date.parse(m.created!)).toFixed(1)}
            cy={posts.indexOf(m.post!) * LANE + 15}
            r={m.role === "root" ? 8 : 6}
          />
          <title>{`${m.referenceId} (${m.role}) ${day(m.created)}: ${m.subject ?? ""}`}</title>
        </a>
      ))}
    </svg>
  );
}

export function ThreadPage(props: { ctx: ViewContext; thread: Thread; table: Table }) {
  const t = props.thread;
  const csv = withQuery(`/analytics/thread/${encodeURIComponent(t.root)}`, {
    format: "csv",
    table: "thread",
  });
  return (
    <Layout ctx={props.ctx} title={`Thread of ${t.root}`} styles={["analytics.css"]}>
      <div class="analytics">
        <h1>
          Thread of <a href={cableUrl(t.root)}>{t.root}</a>
        </h1>
        <p class="note">
          What the cable cites, the cables that cite it (replies) and those that cite the replies
          (follow-ups), by date across posts. Only cables held in the archive can be seen answering.
        </p>
        <ThreadChart thread={t} />
        <DataTable
          table={props.table}
          csv={csv}
          link={(row, col) => (col === 0 && row[2] === "yes" ? cableUrl(String(row[0])) : null)}
        />
        <section>
          <h2>Who answered</h2>
          {t.answered.length === 0 ? (
            <p>No reply held in the archive.</p>
          ) : (
            <ul class="answered">
              {t.answered.map((a) => (
                <li>
                  {a.post}: <a href={cableUrl(a.first)}>{a.first}</a>
                  {a.days !== null ? ` after ${a.days} days` : ""}
                  {a.replies > 1 ? ` (${a.replies} replies)` : ""}
                </li>
              ))}
            </ul>
          )}
          <h2>Addressed, never answered (in this archive)</h2>
          {t.silent.length === 0 ? (
            <p>Every addressed post answered, or the cable names no post.</p>
          ) : (
            <ul class="silent">
              {t.silent.map((s) => (
                <li>
                  {s.post} ({s.role === "to" ? "action" : "info"})
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Layout>
  );
}
