/**
 * `/cables/:id`: the cable reader — metadata panel, protection banner, paragraphs with anchors
 * (#p3) and marking badges, REF list, cited-by, versions with diffs, "cite this". An id written
 * another way redirects to the canonical one; a cable cited but absent gets a page saying so.
 */

import type { Hono } from "hono";
import type { CiteEdge } from "../../graph/types.js";
import { type CableView, cableView, resolveId } from "../data/cable.js";
import { citationResponse } from "../data/cite-list.js";
import { publicCable } from "../data/public-paths.js";
import { type ResultNav, resultNav, type StationNav, stationNav } from "../data/reader-nav.js";
import { citeParams, idParam, queryParams, readerContextParams, validate } from "../params.js";
import { type Problem, ProblemError } from "../problem.js";
import { ClassificationBadge } from "../views/components.js";
import { EntityPanel, mentionMatcher } from "../views/entity-mentions.js";
import { cableUrl, day, withQuery } from "../views/format.js";
import { Layout, type ViewContext } from "../views/layout.js";
import { FullText, Paragraphs, ProtectBanner } from "../views/reader-body.js";
import { CitedBy, CiteThis, References, Versions } from "../views/reader-links.js";
import { MetaPanel } from "../views/reader-meta.js";
import { PartialFlag, ReaderNav } from "../views/reader-nav.js";
import { type Deps, respond, viewContext, wantsJson } from "./page.js";

interface Navigation {
  station: StationNav | null;
  results: ResultNav | null;
  /** The result list's parameters (`?q=...&sort=...`), carried along its previous / next links. */
  context: string;
}

function ReaderPage(props: { ctx: ViewContext; data: CableView; nav: Navigation }) {
  const cable = props.data;
  const id = cable.referenceId!;
  return (
    <Layout
      ctx={props.ctx}
      title={`${id} ${cable.subject ?? ""}`}
      section="cable"
      scripts={["reader.js"]}
    >
      <article class="reader">
        <ReaderNav {...props.nav} />
        <ProtectBanner cable={cable} />
        <PartialFlag partial={cable.partial} />
        <header class="cable-head">
          <p class="ids">
            <code class="cable-id" id="cable-id">
              {id}
            </code>{" "}
            <button type="button" class="copy-id" data-copy={id} aria-label={`Copy the id ${id}`}>
              Copy id
            </button>{" "}
            <ClassificationBadge value={cable.classification} />{" "}
            <time datetime={cable.created ?? undefined}>{day(cable.created)}</time>{" "}
            <span class="origin">{cable.origin ?? ""}</span>
          </p>
          <h1>
            {cable.subjectMarking ? (
              <span class="subject-marking">({cable.subjectMarking}) </span>
            ) : null}
            {cable.subject ?? "(no subject)"}
          </h1>
          <p class="actions">
            <a href={`${cableUrl(id)}/graph`}>Reference graph</a> ·{" "}
            <a href={`/api/cables/${encodeURIComponent(id)}`}>JSON</a>
          </p>
        </header>
        <div class="reader-body">
          <div class="text">
            <Paragraphs cable={cable} mentions={mentionMatcher(props.data.mentions)} />
            <FullText cable={cable} textUrl={`${cableUrl(id)}/text`} />
            <References data={props.data} />
            <CitedBy edges={cable.citedBy} />
            <Versions data={props.data} />
            <CiteThis data={props.data} origin={props.ctx.origin} />
          </div>
          <div class="side">
            <MetaPanel data={props.data} />
            <EntityPanel mentions={props.data.mentions} />
          </div>
        </div>
      </article>
    </Layout>
  );
}

/** The page of an id the archive cites but does not hold. */
function AbsentPage(props: { ctx: ViewContext; problem: Problem }) {
  const p = props.problem;
  const citing = (p.citedBy as CiteEdge[] | undefined) ?? [];
  const id = String(p.referenceId ?? "");
  return (
    <Layout ctx={props.ctx} title={`${id} (not in the archive)`} section="cable">
      <article class="reader absent">
        <h1>
          <code class="cable-id">{id}</code> is not in the archive
        </h1>
        <p>{p.detail}.</p>
        {p.estimatedCreated ? (
          <p>
            Estimated creation date, from the serials of its station that year:{" "}
            <strong>{String(p.estimatedCreated)}</strong>.
          </p>
        ) : null}
        {citing.length ? <CitedBy edges={citing} /> : null}
        {citing.length ? <a href={`${cableUrl(id)}/graph`}>Reference graph</a> : null}
      </article>
    </Layout>
  );
}

/** The reader's data, as the page and its JSON twins answer it (public mode: paths reduced). */
export async function cableResource(deps: Deps, id: string): Promise<CableView> {
  const view = await cableView(deps.archive, id);
  return deps.public ? publicCable(view) : view;
}

export function registerCable(app: Hono, deps: Deps): void {
  // The body as plain text: what the reader links as "full text as transmitted".
  app.get("/cables/:id/text", async (c) => {
    const id = resolveId(validate(idParam, c.req.param("id"), "id"));
    const cable = await deps.archive.getCable(id);
    if (!cable) throw new ProblemError(404, `no cable ${id} in the archive`);
    return c.text(cable.body);
  });

  // "Cite this" as a file: BibTeX, CSL-JSON or RIS, for the cable or one paragraph (`p=3`).
  app.get("/cables/:id/cite", async (c) => {
    const id = resolveId(validate(idParam, c.req.param("id"), "id"));
    const p = queryParams(c, citeParams);
    const cable = await deps.archive.getCable(id);
    if (!cable) throw new ProblemError(404, `no cable ${id} in the archive`);
    return citationResponse({ ...cable, referenceId: id }, p.p, p.format, deps.baseUrl);
  });

  app.get("/cables/:id", async (c) => {
    const raw = validate(idParam, c.req.param("id"), "id");
    const id = resolveId(raw);
    if (id !== raw) {
      const search = new URL(c.req.url).search;
      return c.redirect(`${cableUrl(id)}${search}`, 301);
    }
    const list = queryParams(c, readerContextParams);
    let data: CableView;
    try {
      data = await cableResource(deps, id);
    } catch (err) {
      if (!(err instanceof ProblemError) || err.problem.status !== 404 || wantsJson(c)) throw err;
      const problem = err.problem;
      return respond(
        c,
        problem,
        () => <AbsentPage ctx={viewContext(c, deps)} problem={problem} />,
        404,
      );
    }
    if (wantsJson(c)) return c.json(data);
    const { format: _format, ...context } = list;
    const nav: Navigation = {
      station: await stationNav(deps.archive, id),
      results: await resultNav(deps.archive, id, context),
      context: withQuery("", {
        q: context.q,
        tag: context.tag,
        origin: context.origin,
        classification: context.classification,
        caveat: context.caveat,
        from: context.from,
        to: context.to,
        sort: context.sort,
      }),
    };
    return respond(c, data, () => <ReaderPage ctx={viewContext(c, deps)} data={data} nav={nav} />);
  });
}
