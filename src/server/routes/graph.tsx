/**
 * `/cables/:id/graph`: the interactive neighbourhood of a cable (graph.js draws it with cytoscape,
 * coloured by station, missing cables hollow, click to open). The same nodes are listed as links
 * below the drawing, which is what readers without JavaScript get.
 */
import type { Hono } from "hono";
import { raw } from "hono/html";
import type { Neighbourhood } from "../../graph/types.js";
import { resolveId } from "../data/cable.js";
import { DEFAULT_HOPS, graphData } from "../data/graph.js";
import { graphParams, idParam, queryParams, validate } from "../params.js";
import { cableUrl, day, scriptJson, withQuery } from "../views/format.js";
import { Layout, type ViewContext } from "../views/layout.js";
import { stationColour } from "../views/station-colour.js";
import { cableId } from "./api.js";
import { type Deps, respond, viewContext } from "./page.js";

/** Station colours of the drawing (the same hues graph.js paints), then what shapes mean. */
function Legend(props: { data: Neighbourhood }) {
  const counts = new Map<string, number>();
  for (const n of props.data.nodes) {
    const s = n.station ?? "unknown station";
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const stations = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <section class="legend" aria-label="legend">
      <ul class="legend">
        {stations.map(([station, n]) => (
          <li>
            <svg viewBox="0 0 10 10" aria-hidden="true">
              <circle
                cx={5}
                cy={5}
                r={4}
                fill={stationColour(station === "unknown station" ? null : station)}
              />
            </svg>{" "}
            {station} <span class="n">({n})</span>
          </li>
        ))}
      </ul>
      <p class="legend">
        Filled: in the archive · hollow, dashed: cited but missing · larger: this cable · arrows
        point to the cited cable · point at a cable for its subject and date, click to open it.
      </p>
    </section>
  );
}

function GraphPage(props: { ctx: ViewContext; data: Neighbourhood; hops: number }) {
  const { data, hops } = props;
  const id = data.center;
  const byDepth = new Map<number, Neighbourhood["nodes"]>();
  for (const n of data.nodes) byDepth.set(n.depth, [...(byDepth.get(n.depth) ?? []), n]);
  return (
    <Layout ctx={props.ctx} title={`${id} reference graph`} section="cable" scripts={["graph.js"]}>
      <h1>
        Reference graph of <a href={cableUrl(id)}>{id}</a>
      </h1>
      <p class="graph-controls">
        {data.nodes.length} cables, {data.edges.length} references within {hops} hop
        {hops === 1 ? "" : "s"}
        {data.truncated ? " (cut short at the node limit)" : ""} · Hops:{" "}
        {[1, 2, 3].map((h) =>
          h === hops ? (
            <strong>{h} </strong>
          ) : (
            <>
              <a href={withQuery(`${cableUrl(id)}/graph`, { hops: h })}>{h}</a>{" "}
            </>
          ),
        )}
      </p>
      <section id="graph" class="graph-canvas" aria-label="reference graph drawing" />
      <p id="graph-info" class="graph-info" aria-live="polite" />
      <Legend data={data} />
      <script type="application/json" id="graph-data">
        {raw(scriptJson(data))}
      </script>
      <section class="graph-list">
        <h2>Cables in the graph</h2>
        {[...byDepth.entries()].map(([depth, nodes]) => (
          <>
            <h3>{depth === 0 ? "This cable" : `${depth} hop${depth === 1 ? "" : "s"} away`}</h3>
            <ul>
              {nodes.map((n) => (
                <li class={n.present ? undefined : "missing"}>
                  <a href={cableUrl(n.id)} class="cable-id" data-node={n.id}>
                    {n.id}
                  </a>{" "}
                  {n.present
                    ? `${day(n.created)} ${n.subject ?? ""}`
                    : `not in the archive${n.estimatedCreated ? `, estimated ${n.estimatedCreated}` : ""}`}
                </li>
              ))}
            </ul>
          </>
        ))}
      </section>
    </Layout>
  );
}

export function registerGraph(app: Hono, deps: Deps): void {
  app.get("/cables/:id/graph", async (c) => {
    const p = queryParams(c, graphParams);
    const id = resolveId(validate(idParam, c.req.param("id"), "id"));
    const data = await graphData(deps.archive, id, p);
    const hops = p.hops ?? DEFAULT_HOPS;
    return respond(c, data, () => <GraphPage ctx={viewContext(c, deps)} data={data} hops={hops} />);
  });

  app.get("/api/cables/:id/graph", async (c) => {
    const p = queryParams(c, graphParams);
    return c.json(await graphData(deps.archive, cableId(c), p));
  });
}
