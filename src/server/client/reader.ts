/**
 * Cable reader: "cite this" follows the paragraph the reader points at (#p3) — the citation line
 * and the download links — and the "Copy id" button puts the reference id on the clipboard.
 */
const box = document.querySelector<HTMLElement>("[data-cite]");
const line = document.querySelector<HTMLElement>("[data-cite-text]");
const downloads = Array.from(document.querySelectorAll<HTMLAnchorElement>("a[data-cite-href]"));

function paragraph(): string | null {
  return /^#p(\d+)(?:-\d+)?$/.exec(window.location.hash)?.[1] ?? null;
}

function update(): void {
  const p = paragraph();
  if (box && line) {
    const permalink = box.dataset.permalink ?? "";
    const citation = box.dataset.citation ?? "";
    line.textContent = p
      ? `${citation}, ¶${p}, ${permalink}${window.location.hash}`
      : `${citation}, ${permalink}`;
  }
  for (const a of downloads) {
    const href = `${a.dataset.citeHref}?format=${a.dataset.format}${p ? `&p=${p}` : ""}`;
    a.setAttribute("href", href);
  }
}

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>("[data-copy]"))) {
  button.addEventListener("click", () => {
    const text = button.dataset.copy ?? "";
    const label = button.textContent;
    navigator.clipboard.writeText(text).then(
      () => {
        button.textContent = "Copied";
        setTimeout(() => {
          button.textContent = label;
        }, 1500);
      },
      () => {
        // No clipboard (insecure origin, refused permission): select the id to copy by hand.
        const code = document.getElementById("cable-id");
        if (code) window.getSelection()?.selectAllChildren(code);
      },
    );
  });
}

window.addEventListener("hashchange", update);
update();
