import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { canonicalId } from "../../src/model/reference-id.js";
import { openArchive } from "../../src/store/db.js";
import { getCable } from "../../src/store/read.js";
import { archiveStats } from "../../src/store/stats.js";

/**
 * Corpus sweep: the whole shared research corpus into one archive. The expected counts are worked
 * out here from the files themselves, independently of the parser: every canonical id once (the
 * corpus holds WikiLeaks' "malformed duplicates", such as 08ECTION01OF02MANAMA492 beside
 * 08MANAMA492: one cable, two texts, so two versions), and each HTML page either the same cable as
 * its text-mirror twin (unchanged) or a second version of it.
 */

const CORPUS = new URL("../../../shared/corpus/", import.meta.url).pathname;
const present = existsSync(join(CORPUS, "cables")) && existsSync(join(CORPUS, "html"));
if (!present) {
  process.stderr.write(`corpus sweep skipped: ${CORPUS} not found (the shared corpus is absent)\n`);
}

function names(dir: string, ext: string): string[] {
  return readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length));
}

/** The page's text as the text mirror was made from it (corpus/SOURCES.md): <pre> blocks joined. */
function pageText(html: string): string {
  return [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)]
    .map((m) => m[1]!.replace(/<\/?a[^>]*>/g, "").replaceAll("&#x000A;", "\n"))
    .join("");
}

function mirrorText(id: string): string {
  const text = readFileSync(join(CORPUS, "cables", `${id}.txt`), "utf8");
  let at = 0;
  for (let i = 0; i < 5; i++) at = text.indexOf("\n", at) + 1;
  return text.slice(at);
}

describe("ingest of the shared corpus", () => {
  it.skipIf(!present)(
    "stores every cable once, pages identical to their mirror copy as unchanged; again: 0 new",
    async () => {
      const mirror = names("cables", ".txt");
      const pages = names("html", ".html");
      const canonical = (name: string) => canonicalId(name) ?? name;
      const ids = new Set([...mirror, ...pages, "05ALMATY2121"].map(canonical));
      // Mirror files sharing a canonical id: one version per distinct text.
      const texts = new Map<string, Set<string>>();
      for (const name of mirror) {
        const id = canonical(name);
        if (!texts.has(id)) texts.set(id, new Set());
        texts.get(id)!.add(mirrorText(name));
      }
      const duplicates = [...texts.values()].reduce((n, t) => n + t.size - 1, 0);
      const twins = pages.filter((id) => mirror.includes(id));
      const differing = twins.filter(
        (id) =>
          pageText(readFileSync(join(CORPUS, "html", `${id}.html`), "utf8")) !== mirrorText(id),
      );
      const inputs = ["cables", "html", "scraped"].map((d) => join(CORPUS, d));
      const records = mirror.length + pages.length + 1;

      const db = openArchive(join(mkdtempSync(join(tmpdir(), "cg-corpus-")), "corpus.db"));
      const first = await ingest(db, inputs, { workers: 1 });
      const failures = first.rejections.map((r) => `${r.file}: ${r.reason}`).join("\n");
      expect(first.rejected, failures).toBe(0);
      expect(first).toMatchObject({
        records,
        new: ids.size,
        newVersions: duplicates + differing.length,
        unchanged: twins.length - differing.length,
      });
      expect(archiveStats(db)).toMatchObject({
        cables: ids.size,
        versions: ids.size + duplicates + differing.length,
      });
      // Whatever the reading order, the correctly named copy is the current one.
      expect(getCable(db, "08SAOPAULO335")?.source?.file).toMatch(/\/08SAOPAULO335\.txt$/);

      const second = await ingest(db, inputs, { workers: 1 });
      expect(second).toMatchObject({ new: 0, newVersions: 0, unchanged: records, rejected: 0 });
      db.close();
    },
    1_800_000,
  );
});
