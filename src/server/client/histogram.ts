/**
 * Drag across the hits-per-month histogram to narrow the dates. Without this script every bar is
 * still a link to its own period; with it, a press-drag-release over several bars opens the range.
 */
const SVG_NS = "http://www.w3.org/2000/svg";

function barIndex(svg: SVGSVGElement, clientX: number, count: number): number {
  const box = svg.getBoundingClientRect();
  const i = Math.floor(((clientX - box.left) / Math.max(1, box.width)) * count);
  return Math.min(count - 1, Math.max(0, i));
}

export function enableHistogram(svg: SVGSVGElement): void {
  const bars = Array.from(svg.querySelectorAll<SVGAElement>("a[data-index]"));
  const template = svg.dataset.href;
  if (bars.length === 0 || !template) return;
  const width = svg.viewBox.baseVal.width / bars.length;
  const height = svg.viewBox.baseVal.height;
  const selection = document.createElementNS(SVG_NS, "rect");
  selection.setAttribute("class", "selection");
  selection.setAttribute("y", "0");
  selection.setAttribute("height", String(height));
  selection.setAttribute("width", "0");
  svg.appendChild(selection);

  let start: number | null = null;
  let end = 0;
  const draw = () => {
    if (start === null) return;
    const lo = Math.min(start, end);
    selection.setAttribute("x", String(lo * width));
    selection.setAttribute("width", String((Math.abs(end - start) + 1) * width));
  };

  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    start = end = barIndex(svg, e.clientX, bars.length);
    svg.setPointerCapture(e.pointerId);
    draw();
    e.preventDefault();
  });
  svg.addEventListener("pointermove", (e) => {
    if (start === null) return;
    end = barIndex(svg, e.clientX, bars.length);
    draw();
  });
  svg.addEventListener("pointerup", (e) => {
    if (start === null) return;
    end = barIndex(svg, e.clientX, bars.length);
    const lo = bars[Math.min(start, end)]!;
    const hi = bars[Math.max(start, end)]!;
    start = null;
    const from = lo.dataset.from ?? "";
    const to = hi.dataset.to ?? "";
    window.location.assign(
      template
        .replace("__FROM__", encodeURIComponent(from))
        .replace("__TO__", encodeURIComponent(to)),
    );
  });
  svg.addEventListener("pointercancel", () => {
    start = null;
    selection.setAttribute("width", "0");
  });
  // The pointer handlers navigate; a mouse click must not follow the bar's own link as well.
  // Keyboard activation (detail 0) still follows it.
  svg.addEventListener("click", (e) => {
    if (e.detail > 0) e.preventDefault();
  });
}
