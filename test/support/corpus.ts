/**
 * The shared research corpus (../shared/corpus beside the checkout: text-mirror cables, WikiLeaks
 * HTML pages, scraped copies) as the corpus sweeps read it. It is not part of the repository, so a
 * sweep is skipped, saying so, where it is absent.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const CORPUS = new URL("../../../shared/corpus/", import.meta.url).pathname;

/** Whether the corpus is there; when it is not, says that `sweep` is skipped. */
export function corpusPresent(sweep: string): boolean {
  const present = existsSync(join(CORPUS, "cables"));
  if (!present) {
    console.warn(`${sweep} skipped: ${CORPUS} not found (the shared research folder is absent)`);
  }
  return present;
}

/** Paths of the files of a corpus folder ending in `ending`, in name order as the folder lists them. */
export function corpusFolder(folder: string, ending: string): string[] {
  return readdirSync(join(CORPUS, folder))
    .filter((f) => f.endsWith(ending))
    .map((f) => join(CORPUS, folder, f));
}

/** The text-mirror cables, then the WikiLeaks HTML pages. */
export function corpusFiles(): string[] {
  return [...corpusFolder("cables", ".txt"), ...corpusFolder("html", ".html")];
}
