/**
 * Analytics pages: timelines drawn with uPlot (chosen over Observable Plot by measurement: a fifth
 * of the bundle, a quarter of the render time, and no inline <style> for the CSP to block) from
 * the table view the server rendered, so the chart and the table cannot disagree. Without this
 * script the server's SVG stays.
 */
import uPlot from "uplot";

const COLOURS = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400"];

function number(cell: Element | undefined): number | null {
  const text = (cell?.textContent ?? "").replace(/,/g, "").trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function drawTimeline(figure: HTMLElement): void {
  const table = document.getElementById(figure.dataset.table ?? "");
  const host = figure.querySelector<HTMLElement>(".uplot-host");
  if (!table || !host) return;
  const series = Number(figure.dataset.series ?? "1");
  const normalise = figure.dataset.normalise === "1";
  // Dashed beside each series: the dates its cables report (columns after "all cables").
  const reported = figure.dataset.reported === "1";
  const first = 3 + (normalise ? series : 0);
  const columns = [
    ...Array.from({ length: series }, (_, i) => first + i),
    ...(reported ? Array.from({ length: series }, (_, i) => first + series + 1 + i) : []),
  ];
  const labels = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent ?? "");
  const rows = Array.from(table.querySelectorAll("tbody tr"));
  if (rows.length === 0) return;
  // A sparse (day) timeline lists only days with cables: the days between count zero, so each
  // line drops to zero the day after a listed day and rises from it the day before the next.
  const sparse = figure.dataset.sparse === "1";
  const DAY = 86_400;
  const xs: number[] = [];
  const ys: (number | null)[][] = columns.map(() => []);
  for (const row of rows) {
    const cells = Array.from(row.children);
    const x = Date.parse(`${cells[1]?.textContent ?? ""}T00:00:00Z`) / 1000;
    const prev = xs.length > 0 ? xs[xs.length - 1]! : null;
    if (sparse && prev !== null && x - prev > DAY) {
      xs.push(prev + DAY);
      for (const y of ys) y.push(0);
      if (x - prev > 2 * DAY) {
        xs.push(x - DAY);
        for (const y of ys) y.push(0);
      }
    }
    xs.push(x);
    columns.forEach((col, k) => {
      ys[k]!.push(number(cells[col]));
    });
  }
  const width = () => Math.max(280, host.clientWidth || figure.clientWidth);
  const plot = new uPlot(
    {
      width: width(),
      height: 260,
      series: [
        {},
        ...columns.map((col, k) => ({
          label: labels[col] ?? `series ${k + 1}`,
          stroke: COLOURS[(k % series) % COLOURS.length],
          width: 2,
          ...(k >= series ? { dash: [6, 4] } : {}),
          points: { show: rows.length < 60 },
        })),
      ],
      axes: [{}, { size: 60 }],
      cursor: { drag: { x: false, y: false } },
    },
    [xs, ...ys] as uPlot.AlignedData,
    host,
  );
  figure.classList.add("drawn");
  window.addEventListener("resize", () => plot.setSize({ width: width(), height: 260 }));
}

for (const figure of Array.from(
  document.querySelectorAll<HTMLElement>('figure[data-chart="timeline"]'),
)) {
  drawTimeline(figure);
}
