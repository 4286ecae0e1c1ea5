/** Search and home pages: histogram range selection, sort changes applied at once. */
import { enableHistogram } from "./histogram.js";
import { enableHistogramKeys } from "./histogram-keys.js";

for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>("svg[data-histogram]"))) {
  enableHistogram(svg);
}
for (const svg of Array.from(
  document.querySelectorAll<SVGSVGElement>("svg[data-histogram-keys]"),
)) {
  enableHistogramKeys(svg);
}

for (const select of Array.from(
  document.querySelectorAll<HTMLSelectElement>("select[data-autosubmit]"),
)) {
  select.addEventListener("change", () => select.form?.requestSubmit());
}
