/**
 * `/browse`: by year and month, origin, TAG and classification. `/browse/:kind` lists the values
 * with counts; `/browse/:kind/:value` lists the cables of one value, a page at a time.
 */
import type { Hono } from "hono";
import { z } from "zod";
import {
  BROWSE_KINDS,
  type BrowseIndex,
  type BrowseKind,
  type BrowseList,
  type BrowseValues,
  browseIndex,
  browseList,
  browseValues,
} from "../data/browse.js";
import {
  browseValueParam,
  DEFAULT_PAGE_SIZE,
  listParams,
  queryParams,
  validate,
} from "../params.js";
import { notFound } from "../problem.js";
import { CountList, HitList, Pager } from "../views/components.js";
import { browseUrl, count, monthName, withQuery } from "../views/format.js";
import { Histogram } from "../views/histogram.js";
import { Layout, type ViewContext } from "../views/layout.js";
import { type Deps, respond, viewContext } from "./page.js";

const KIND_TITLES: Record<BrowseKind, string> = {
  year: "Years",
  month: "Months",
  origin: "Origins",
  tag: "TAGS",
  classification: "Classifications",
};

function IndexPage(props: { ctx: ViewContext; data: BrowseIndex }) {
  const d = props.data;
  return (
    <Layout ctx={props.ctx} title="Browse" section="browse">
      <h1>Browse the archive</h1>
      <section>
        <h2>By year and month</h2>
        <table class="calendar">
          <tbody>
            {d.years.map((y) => (
              <tr>
                <th scope="row">
                  <a href={browseUrl("year", y.year)}>{y.year}</a>{" "}
                  <span class="n">{count(y.count)}</span>
                </th>
                <td>
                  {y.months.map((m) => (
                    <>
                      <a
                        href={browseUrl("month", m.month)}
                        title={`${monthName(m.month)}: ${m.count}`}
                      >
                        {m.month.slice(5)}
                      </a>{" "}
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div class="columns">
        <section>
          <h2>By classification</h2>
          <CountList values={d.classifications} href={(v) => browseUrl("classification", v)} />
        </section>
        <section>
          <h2>By origin</h2>
          <CountList values={d.origins.slice(0, 25)} href={(v) => browseUrl("origin", v)} />
          <a href={browseUrl("origin")}>All {d.origins.length} origins »</a>
        </section>
        <section>
          <h2>By TAG</h2>
          <CountList values={d.tags} href={(v) => browseUrl("tag", v)} />
          <a href="/tags">All TAGS, with their meanings »</a>
        </section>
      </div>
    </Layout>
  );
}

function ValuesPage(props: { ctx: ViewContext; data: BrowseValues }) {
  const { kind, values } = props.data;
  return (
    <Layout ctx={props.ctx} title={`Browse ${KIND_TITLES[kind]}`} section="browse">
      <h1>
        <a href="/browse">Browse</a> › {KIND_TITLES[kind]}
      </h1>
      <CountList
        values={values}
        href={(v) => browseUrl(kind, v)}
        label={kind === "month" ? monthName : undefined}
      />
    </Layout>
  );
}

function listTitle(l: BrowseList): string {
  return l.kind === "month" ? monthName(l.value) : l.value;
}

const pageOf = (l: BrowseList) => Math.floor(l.offset / DEFAULT_PAGE_SIZE) + 1;

function ListPage(props: { ctx: ViewContext; data: BrowseList; path: string }) {
  const l = props.data;
  return (
    <Layout
      ctx={props.ctx}
      title={`${listTitle(l)} (${KIND_TITLES[l.kind]})`}
      section="browse"
      scripts={["search.js"]}
    >
      <h1>
        <a href="/browse">Browse</a> › <a href={browseUrl(l.kind)}>{KIND_TITLES[l.kind]}</a> ›{" "}
        {listTitle(l)}
      </h1>
      {l.tag ? (
        <p class="meaning">
          {l.tag.meaning ?? "No meaning on record."} {l.tag.category ? `(${l.tag.category})` : ""}
        </p>
      ) : null}
      {l.months ? (
        <Histogram
          months={l.months}
          label={`cables per month in ${l.value}`}
          href={(from) => browseUrl("month", from)}
          draggable={false}
        />
      ) : null}
      <p>
        <a href={withQuery("/search", { q: l.query })}>Search within these cables »</a>
      </p>
      <Pager
        total={l.total}
        offset={l.offset}
        size={DEFAULT_PAGE_SIZE}
        shown={l.hits.length}
        first={props.path}
        prev={
          l.prev === undefined
            ? null
            : l.prev === null
              ? props.path
              : withQuery(props.path, { cursor: l.prev, page: pageOf(l) - 1 })
        }
        next={l.next ? withQuery(props.path, { cursor: l.next, page: pageOf(l) + 1 }) : null}
      />
      <HitList
        hits={l.hits}
        start={l.offset + 1}
        context={withQuery("", { q: l.query, sort: l.sort })}
      />
    </Layout>
  );
}

const kindParam = z.enum(BROWSE_KINDS);

/** The kind in the path; any other word is a page that does not exist. */
function kindOf(raw: string): BrowseKind {
  const kind = kindParam.safeParse(raw);
  if (kind.success) return kind.data;
  throw notFound(`nothing to browse by '${raw.slice(0, 40)}' (${BROWSE_KINDS.join(", ")})`);
}

export function registerBrowse(app: Hono, deps: Deps): void {
  app.get("/browse", async (c) => {
    const data = await browseIndex(deps.archive);
    return respond(c, data, () => <IndexPage ctx={viewContext(c, deps)} data={data} />);
  });
  app.get("/browse/:kind", async (c) => {
    const kind = kindOf(c.req.param("kind"));
    if (kind === "tag") return c.redirect("/tags", 302);
    const data = await browseValues(deps.archive, kind);
    return respond(c, data, () => <ValuesPage ctx={viewContext(c, deps)} data={data} />);
  });
  app.get("/browse/:kind/:value", async (c) => {
    const kind = kindOf(c.req.param("kind"));
    const p = queryParams(c, listParams);
    const value = validate(browseValueParam, c.req.param("value"), "value");
    const data = await browseList(deps.archive, kind, value, p);
    const path = new URL(c.req.url).pathname;
    return respond(c, data, () => <ListPage ctx={viewContext(c, deps)} data={data} path={path} />);
  });
}
