/**
 * The reference graph page: draws the neighbourhood embedded in #graph-data with cytoscape.
 * Colour by station (legend beside the drawing), missing cables hollow, the centre larger, arrows
 * towards the cited cable; clicking a cable opens it. Rings by distance from the centre keep 50+
 * cables readable; past a few dozen only the centre is labelled, and pointing at a cable (or
 * focusing it in the list below) shows its id, subject and date.
 */
import cytoscape from "cytoscape";
import { stationColour } from "../views/station-colour.js";

interface GraphNode {
  id: string;
  present: boolean;
  station: string | null;
  subject: string | null;
  created: string | null;
  estimatedCreated: string | null;
  depth: number;
}
interface GraphData {
  center: string;
  nodes: GraphNode[];
  edges: { source: string; target: string; label: string | null }[];
}

/** Past this many cables, labels show on the centre and on demand only. */
const LABEL_ALL_UP_TO = 30;

function describe(n: GraphNode): string {
  const when = n.present
    ? (n.created ?? "").slice(0, 10) || "undated"
    : `not in the archive${n.estimatedCreated ? `, estimated ${n.estimatedCreated}` : ""}`;
  const subject = n.subject ?? (n.present ? "(no subject)" : "");
  return subject ? `${n.id} · ${when} · ${subject}` : `${n.id} · ${when}`;
}

/**
 * cytoscape adds a <style> element (position: relative on its container) unless an element with
 * this id exists. The Content-Security-Policy would block it, and style.css already has the rule.
 */
function preventInjectedStylesheet(): void {
  const id = "__________cytoscape_stylesheet";
  if (document.getElementById(id)) return;
  const marker = document.createElement("meta");
  marker.id = id;
  document.head.append(marker);
}

const container = document.getElementById("graph");
const source = document.getElementById("graph-data");
const info = document.getElementById("graph-info");
if (container && source?.textContent && info) {
  preventInjectedStylesheet();
  const data = JSON.parse(source.textContent) as GraphData;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const idle = "Point at a cable, or focus it in the list below, to see it; click to open it.";
  info.textContent = idle;
  const labelAll = data.nodes.length <= LABEL_ALL_UP_TO;
  const maxDepth = Math.max(0, ...data.nodes.map((n) => n.depth));
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.id,
          colour: stationColour(n.station),
          fill: n.present ? 1 : 0,
          size: n.id === data.center ? 34 : 18,
          depth: n.depth,
        },
        classes: [
          n.present ? "present" : "missing",
          labelAll || n.id === data.center ? "labelled" : "",
        ].join(" "),
      })),
      ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target } })),
    ],
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(colour)",
          "background-opacity": "data(fill)" as unknown as number,
          "border-color": "data(colour)",
          "border-width": 3,
          width: "data(size)",
          height: "data(size)",
          "font-size": 10,
          color: "#222",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": "1px",
        },
      },
      { selector: "node.labelled, node.active", style: { label: "data(label)" } },
      { selector: "node.active", style: { "border-width": 6, "z-index": 10 } },
      { selector: "node.missing", style: { "border-style": "dashed" } },
      {
        selector: "edge",
        style: {
          width: 1.2,
          "line-color": "#9aa",
          "target-arrow-color": "#9aa",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
        },
      },
    ],
    layout: {
      name: "concentric",
      animate: false,
      padding: 24,
      // One ring per distance from the centre, spaced so that nodes never overlap.
      concentric: (n: cytoscape.NodeSingular) => maxDepth - Number(n.data("depth")),
      levelWidth: () => 1,
      minNodeSpacing: labelAll ? 40 : 14,
      avoidOverlap: true,
    } as cytoscape.LayoutOptions,
  });
  const show = (id: string | null) => {
    cy.nodes(".active").removeClass("active");
    const n = id ? byId.get(id) : undefined;
    if (!id || !n) {
      info.textContent = idle;
      return;
    }
    cy.getElementById(id).addClass("active");
    info.textContent = describe(n);
  };
  cy.on("tap", "node", (e) => {
    window.location.assign(`/cables/${encodeURIComponent(e.target.id())}`);
  });
  cy.on("mouseover", "node", (e) => show(e.target.id()));
  cy.on("mouseout", "node", () => show(null));
  for (const link of Array.from(document.querySelectorAll<HTMLElement>("[data-node]"))) {
    const id = link.dataset.node ?? null;
    link.addEventListener("focus", () => show(id));
    link.addEventListener("mouseenter", () => show(id));
    link.addEventListener("blur", () => show(null));
    link.addEventListener("mouseleave", () => show(null));
  }
}
