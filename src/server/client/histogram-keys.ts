/**
 * The histogram as one tab stop: the server renders one bar focusable (tabindex 0) and the others
 * out of the tab order (-1); arrow keys, Home and End move between bars (a roving tabindex), Enter
 * follows the focused bar's link. A keyboard user passes the chart with one Tab instead of one per
 * month.
 */
const KEYS: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => Math.min(n - 1, i + 1),
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowLeft: (i) => Math.max(0, i - 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, n) => n - 1,
  PageUp: (i) => Math.max(0, i - 12),
  PageDown: (i, n) => Math.min(n - 1, i + 12),
};

export function enableHistogramKeys(svg: SVGSVGElement): void {
  const bars = Array.from(svg.querySelectorAll<SVGAElement>("a[data-index]"));
  if (bars.length === 0) return;
  const focus = (to: number) => {
    for (const [j, bar] of bars.entries()) bar.setAttribute("tabindex", j === to ? "0" : "-1");
    bars[to]!.focus();
  };
  svg.addEventListener("keydown", (e) => {
    const move = KEYS[e.key];
    if (!move) return;
    const at = bars.indexOf(document.activeElement as SVGAElement);
    if (at < 0) return;
    e.preventDefault();
    focus(move(at, bars.length));
  });
}
