/** `/`: the corpus at a glance — counts, cables per month, top origins and TAGS, classifications. */
import type { Hono } from "hono";
import { tagInfo } from "../../reference/tags.js";
import { type StatsData, statsData } from "../data/stats.js";
import { CountList } from "../views/components.js";
import { browseUrl, count, levelClass, withQuery } from "../views/format.js";
import { Histogram } from "../views/histogram.js";
import { Layout, type ViewContext } from "../views/layout.js";
import { type Deps, respond, viewContext } from "./page.js";

function ClassificationSplit(props: { rows: StatsData["byClassification"]; total: number }) {
  const max = Math.max(1, ...props.rows.map((r) => r.count));
  return (
    <table class="split">
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row">
              {r.classification ? (
                <a href={withQuery("/search", { classification: r.classification })}>
                  {r.classification}
                </a>
              ) : (
                "unknown"
              )}
            </th>
            <td class="bar-cell">
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect
                  class={`share ${levelClass(r.classification)}`}
                  x={0}
                  y={0}
                  height={10}
                  width={Math.max(0.5, (r.count / max) * 100)}
                />
              </svg>
            </td>
            <td class="n">
              {count(r.count)} ({((r.count / Math.max(1, props.total)) * 100).toFixed(1)}%)
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HomePage(props: { ctx: ViewContext; data: StatsData }) {
  const d = props.data;
  return (
    <Layout ctx={props.ctx} title="Home" section="home" scripts={["search.js"]}>
      <section class="hero">
        <h1>Cablegram</h1>
        <p class="lede">
          {count(d.cables)} cables · {count(d.references)} references citing {count(d.citedCables)}{" "}
          cables, {count(d.missingCables)} of them not in the archive · {count(d.partial)} partial
          extracts
        </p>
        <form class="big-search" action="/search" method="get">
          <input
            type="search"
            name="q"
            placeholder={'qadhafi succession, "human rights" tag:PHUM, 09TRIPOLI208'}
            aria-label="Search the cables"
            maxlength={4000}
          />
          <button type="submit">Search</button>
        </form>
      </section>
      <section>
        <h2>Cables over time</h2>
        <Histogram
          months={d.months}
          label="cables over time"
          href={(from, to) => withQuery("/search", { from, to })}
        />
      </section>
      <div class="columns">
        <section>
          <h2>Top origins</h2>
          <CountList values={d.topOrigins} href={(v) => browseUrl("origin", v)} />
          <a href={browseUrl("origin")}>All origins »</a>
        </section>
        <section>
          <h2>Top TAGS</h2>
          <CountList
            values={d.topTags}
            href={(v) => browseUrl("tag", v)}
            label={(v) => {
              const meaning = tagInfo(v).meaning;
              return meaning ? `${v} — ${meaning}` : v;
            }}
          />
          <a href="/tags">The TAGS glossary »</a>
        </section>
        <section>
          <h2>Classification</h2>
          <ClassificationSplit rows={d.byClassification} total={d.cables} />
          <h3>Caveats</h3>
          <CountList values={d.topCaveats} href={(v) => withQuery("/search", { caveat: v })} />
        </section>
      </div>
    </Layout>
  );
}

export function registerHome(app: Hono, deps: Deps): void {
  app.get("/", async (c) => {
    const data = await statsData(deps.archive);
    return respond(c, data, () => <HomePage ctx={viewContext(c, deps)} data={data} />);
  });
}
