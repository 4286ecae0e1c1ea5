/**
 * The reference graph page: draws the neighbourhood embedded in #graph-data with cytoscape.
 * Colour by station, missing cables hollow, the centre larger, arrows towards the cited cable;
 * clicking a cable opens it.
 */
import cytoscape from "cytoscape";

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

/** A stable colour per station: the same station has the same colour on every page. */
function stationColour(station: string | null): string {
  if (!station) return "#888888";
  let h = 0;
  for (const ch of station) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360}, 65%, 42%)`;
}

function describe(n: GraphNode): string {
  const when = n.present
    ? (n.created ?? "").slice(0, 10)
    : `missing${n.estimatedCreated ? `, ~${n.estimatedCreated}` : ""}`;
  return `${n.id} (${when}) ${n.subject ?? ""}`.trim();
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
if (container && source?.textContent) {
  preventInjectedStylesheet();
  const data = JSON.parse(source.textContent) as GraphData;
  const info = document.createElement("p");
  info.className = "graph-info";
  info.setAttribute("aria-live", "polite");
  info.textContent = "Point at a cable to see it; click to open it.";
  container.after(info);
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.id,
          colour: stationColour(n.station),
          fill: n.present ? 1 : 0,
          size: n.id === data.center ? 34 : 20,
          info: describe(n),
        },
        classes: n.present ? "present" : "missing",
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
          label: "data(label)",
          "font-size": 9,
          color: "#222",
          "text-valign": "bottom",
          "text-margin-y": 3,
        },
      },
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
    layout: { name: "cose", animate: false, padding: 20 },
  });
  cy.on("tap", "node", (e) => {
    window.location.assign(`/cables/${encodeURIComponent(e.target.id())}`);
  });
  cy.on("mouseover", "node", (e) => {
    info.textContent = String(e.target.data("info"));
  });
}
