/**
 * How every page answers: the data function's result as JSON with `?format=json` (Datasette
 * style), else rendered into the shared layout. Also the HTML form of a problem, for browsers.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Archive } from "../../archive/archive.js";
import type { Db } from "../../store/db.js";
import type { Assets } from "../assets.js";
import { formatOnly, queryParams } from "../params.js";
import type { Problem } from "../problem.js";
import { Layout, type ViewContext } from "../views/layout.js";

/** What the route modules need from the app. */
export interface Deps {
  archive: Archive;
  assets: Assets;
  /** Public mode (src/server/app.ts). */
  public: boolean;
  /** The configured base URL without a trailing slash: permalinks never use the Host header. */
  baseUrl: string;
}

/** What the views that read SQLite only so far need besides (src/server/sqlite-only.ts). */
export interface SqliteDeps extends Deps {
  db: Db;
}

export function viewContext(_c: Context, deps: Deps): ViewContext {
  return { assets: deps.assets, origin: deps.baseUrl, sqliteViews: deps.archive.sqlite !== null };
}

export function wantsJson(c: Context): boolean {
  return queryParams(c, formatOnly).format === "json";
}

async function html(c: Context, node: Child, status: number): Promise<Response> {
  const rendered = await (node as { toString(): string | Promise<string> }).toString();
  const body = `<!DOCTYPE html>${rendered}`;
  return c.html(body, status as 200);
}

/** Answers with `data` as JSON or as the page `view` renders. */
export async function respond<T>(
  c: Context,
  data: T,
  view: () => Child,
  status = 200,
): Promise<Response> {
  if (wantsJson(c)) return c.json(data as object, status as 200);
  return html(c, view(), status);
}

export function ErrorPage(props: { ctx: ViewContext; problem: Problem; q?: string }) {
  const p = props.problem;
  const q = props.q ?? "";
  return (
    <Layout ctx={props.ctx} title={p.title} q={q}>
      <section class="problem">
        <h1>
          {p.status} · {p.title}
        </h1>
        <p>{p.detail}</p>
        {p.param === "q" && typeof p.position === "number" ? (
          <pre class="caret">
            {q.replace(/[\r\n\t]/g, " ")}
            {"\n"}
            {" ".repeat(Math.max(0, p.position))}^
          </pre>
        ) : null}
        <p>
          <a href="/">Home</a> · <a href="/search">Search</a> · <a href="/browse">Browse</a>
        </p>
      </section>
    </Layout>
  );
}

export function errorPage(c: Context, deps: Deps, problem: Problem): Promise<Response> {
  const q = c.req.query("q");
  return html(
    c,
    <ErrorPage
      ctx={viewContext(c, deps)}
      problem={problem}
      {...(q ? { q: q.slice(0, 4000) } : {})}
    />,
    problem.status,
  );
}
