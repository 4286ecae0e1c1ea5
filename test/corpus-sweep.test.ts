import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import type { Cable } from "../src/model/cable.js";
import { parseRecord } from "../src/parse/index.js";
import { CORPUS, corpusFiles, corpusPresent } from "./support/corpus.js";

/**
 * Every cable of the shared corpus (../shared/corpus: 6,755 text-mirror cables, 100 WikiLeaks HTML
 * pages) through readSource + parseRecord, as `cablegram parse` does it: no exception, no read
 * error, and the caption-area elements found wherever the cable carries them.
 *
 * "Carries" is decided from the raw file by a deliberately simple check that shares no code with the
 * parser: a line starting with the label (`SUBJECT`/`SUBJ`, `TAGS`, `E.O.`/`DECL`) or a
 * classification word within the first LINES_CHECKED lines of the text (HTML: of its <pre> blocks).
 * The parser may find more (labels glued to other lines); it must not find fewer than FLOOR of these.
 */

const present = corpusPresent("corpus sweep");

const LINES_CHECKED = 150;
const BARE_SERIAL = /^#?\s*\d{3,7}(?:\s*(?:\(NOTAL\)|AND PREVIOUS))?$/i;
const FLOOR = 0.99;

interface Coverage {
  carried: number;
  found: number;
  missed: string[];
}

const CHECKS: Record<string, { carries: RegExp; found: (c: Cable) => boolean }> = {
  subject: { carries: /^[ \t]*SUBJ(?:ECT)?\b/im, found: (c) => c.subject !== null },
  tags: { carries: /^[ \t]*TAGS\b/im, found: (c) => c.tags.length > 0 },
  classification: {
    carries:
      /^[ \t]*(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D)\b/m,
    found: (c) => c.classification !== null,
  },
  declassification: {
    carries: /^[ \t]*(?:E\.?[ \t]?O\.?[ \t]*1\d{4}|DECL\b)/im,
    found: (c) => c.declassification !== null,
  },
};

/** The first lines of the telegram text as the file holds it, with HTML markup taken off. */
function rawHead(path: string): string {
  let text = readFileSync(path, "utf8");
  if (path.endsWith(".html")) {
    const pre = text.indexOf("<pre");
    text = text
      .slice(pre === -1 ? 0 : pre)
      .replace(/&#x000A;/g, "\n")
      .replace(/<[^>]*>/g, "");
  }
  return text.split("\n", LINES_CHECKED).join("\n");
}

const stats = {
  files: 0,
  records: 0,
  readErrors: [] as string[],
  exceptions: [] as string[],
  coverage: Object.fromEntries(
    Object.keys(CHECKS).map((k) => [k, { carried: 0, found: 0, missed: [] } as Coverage]),
  ),
  cableRefs: 0,
  unresolvedRefs: [] as string[],
  ms: 0,
};

const pct = (c: Coverage): string =>
  c.carried ? `${((100 * c.found) / c.carried).toFixed(2)} %` : "n/a";

describe.skipIf(!present)("corpus sweep (../shared/corpus)", () => {
  beforeAll(async () => {
    const files = corpusFiles();
    const t0 = performance.now();
    for (const file of files) {
      stats.files++;
      const name = file.slice(CORPUS.length);
      try {
        for await (const item of readSource(file)) {
          if (item.kind === "error") {
            stats.readErrors.push(`${name}: ${item.reason}`);
            continue;
          }
          stats.records++;
          const cable = parseRecord(item);
          const head = rawHead(file);
          for (const [field, check] of Object.entries(CHECKS)) {
            if (!check.carries.test(head)) continue;
            const cov = stats.coverage[field]!;
            cov.carried++;
            if (check.found(cable)) cov.found++;
            else cov.missed.push(name);
          }
          for (const ref of cable.references) {
            if (ref.kind !== "cable") continue;
            stats.cableRefs++;
            // A serial written alone whose station the cable never names stays without an id
            // (issue 8: a station is never invented).
            if (!ref.referenceId && BARE_SERIAL.test(ref.text)) continue;
            if (!ref.referenceId || !/^\d{2}[A-Z]+[1-9]\d*$/.test(ref.referenceId)) {
              stats.unresolvedRefs.push(
                `${name}: ${JSON.stringify(ref.text)} → ${ref.referenceId}`,
              );
            }
          }
        }
      } catch (err) {
        stats.exceptions.push(`${name}: ${err instanceof Error ? err.stack : String(err)}`);
      }
    }
    stats.ms = performance.now() - t0;
    const lines = [
      `corpus sweep: ${stats.files} files, ${stats.records} records in ${(stats.ms / 1000).toFixed(1)} s`,
      `  read errors ${stats.readErrors.length}, exceptions ${stats.exceptions.length}`,
      ...Object.entries(stats.coverage).map(
        ([f, c]) => `  ${f.padEnd(17)} found ${c.found} of ${c.carried} carrying it: ${pct(c)}`,
      ),
      `  cable references ${stats.cableRefs}, unresolved ${stats.unresolvedRefs.length}`,
    ];
    console.log(lines.join("\n"));
  }, 120_000);

  it("reads every file and parses every record without an exception", () => {
    expect(stats.readErrors).toEqual([]);
    expect(stats.exceptions.slice(0, 5)).toEqual([]);
    expect(stats.records).toBe(stats.files);
  });

  for (const field of Object.keys(CHECKS)) {
    it(`finds ${field} in ≥ ${FLOOR * 100} % of the cables that carry it`, () => {
      const cov = stats.coverage[field]!;
      expect(cov.carried).toBeGreaterThan(0);
      const rate = cov.found / cov.carried;
      if (rate < FLOOR) console.log(`${field} missed in e.g.`, cov.missed.slice(0, 15));
      expect(rate).toBeGreaterThanOrEqual(FLOOR);
    });
  }

  it("resolves every cable reference to a full id with its year", () => {
    expect(stats.cableRefs).toBeGreaterThan(0);
    expect(stats.unresolvedRefs.slice(0, 20)).toEqual([]);
  });
});
