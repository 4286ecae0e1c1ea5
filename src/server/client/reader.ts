/** Cable reader: "cite this" follows the paragraph the reader points at (#p3). */
const box = document.querySelector<HTMLElement>("[data-cite]");
const line = document.querySelector<HTMLElement>("[data-cite-text]");

function update(): void {
  if (!box || !line) return;
  const permalink = box.dataset.permalink ?? "";
  const citation = box.dataset.citation ?? "";
  const m = /^#p(\d+)(?:-\d+)?$/.exec(window.location.hash);
  line.textContent = m
    ? `${citation}, ¶${m[1]}, ${permalink}${window.location.hash}`
    : `${citation}, ${permalink}`;
}

window.addEventListener("hashchange", update);
update();
