import { existsSync, readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeBody } from "../../src/normalize/index.js";
import { parseBanner } from "../../src/parse/banner.js";
import { parseCaveats } from "../../src/parse/captions.js";
import { parseDeclassification } from "../../src/parse/declassification.js";
import { makeDoc } from "../../src/parse/doc.js";
import { parseHeader } from "../../src/parse/header.js";
import { splitHeader } from "../../src/parse/split-header.js";
import { parseTags } from "../../src/parse/tags.js";

/**
 * Corpus sweep of the header splitter, header, banner, captions, E.O./DECL and TAGS parsers over
 * the 6,755 cables of ../shared/corpus/cables. Text-mirror files have five metadata lines (id,
 * subject, created, classification, origin), then header and body glued; the PlusD extracts and the
 * converted texts have none (metadata.csv says which format a file has). Each cable goes through
 * splitHeader, normalizeBody and the element parsers, as parseRecord calls them.
 *
 * How "carry" is counted, with simple checks that share no code with the parsers:
 * - header fields: in the text before the first E.O./TAGS/SUBJECT line (at most 6,000 characters),
 *   a DTG line (`O 131503Z MAR 08`) carries a DTG, a line starting `FM ` an originator, a line
 *   starting `TO ` action addressees;
 * - banner: every cable whose body holds, in its first 40 lines, a line starting with a
 *   classification word, plain or letter-spaced (`CONFIDENTIAL`, `S E C R E T`, `UNCLAS`...);
 * - TAGS: a line of the body's first 3,000 characters starting with `TAGS` (any case), or `TAGS:`
 *   anywhere in them;
 * - E.O.: `E.O. 12958`-like text in the body's first 3,000 characters followed, on its line or the
 *   next, by an instruction (letters or digits after the number); found = a date or instruction text.
 */

const ROOT = new URL("../../", import.meta.url);
const CORPUS = new URL("../shared/corpus/", ROOT);
const present = existsSync(new URL("cables/", CORPUS));
if (!present) {
  console.warn(
    `header/caption corpus sweep skipped: ${new URL("cables/", CORPUS).pathname} is absent (needs ../shared)`,
  );
}

const FLOOR = 0.99;

const HEADER_REGION_END = /^[ \t]*(?:E\.?[ \t]?O\.?[ \t]*\d|TAGS|SUBJ)/im;
const CARRIES = {
  dtg: /^[ \t]*[ZOPR](?:[ \t]+[ZOPR])?[ \t]+\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}\b/m,
  from: /^[ \t]*FM[ \t]+[A-Z]/m,
  to: /^[ \t]*TO[ \t]*[A-Z]/m,
  banner:
    /^[ \t]*(?:UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|C ?O N F I D|S ?E C R E T|U N C L A S)/im,
  tags: /^[ \t"]*TAGS?\b|\bTAGS:/im,
  eo: /(?<![A-Za-z])E\.?[ \t]?[O0]\.?[ \t]*\d{4,5}[ \t]*[:;,.]?[ \t]*\n?[ \t]*[A-Za-z0-9]/,
};

type Field = keyof typeof CARRIES;
const coverage = Object.fromEntries(
  Object.keys(CARRIES).map((k) => [k, { carried: 0, found: 0, missed: [] as string[] }]),
) as Record<Field, { carried: number; found: number; missed: string[] }>;
const exceptions: string[] = [];
let cables = 0;
let seconds = 0;

function formats(): Map<string, string> {
  const map = new Map<string, string>();
  const csv = readFileSync(new URL("metadata.csv", CORPUS), "utf8");
  for (const line of csv.split("\n").slice(1)) {
    const cols = line.split(",");
    if (cols[0]) map.set(cols[0], cols[4] ?? "");
  }
  return map;
}

function count(field: Field, carried: boolean, found: boolean, id: string): void {
  if (!carried) return;
  const c = coverage[field];
  c.carried++;
  if (found) c.found++;
  else c.missed.push(id);
}

describe.skipIf(!present)("header and caption parsers over ../shared/corpus/cables", () => {
  beforeAll(() => {
    const format = formats();
    const dir = new URL("cables/", CORPUS);
    const t0 = performance.now();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
      const id = file.slice(0, -4);
      let text = readFileSync(new URL(file, dir), "utf8");
      if (format.get(id) === "wl-html->5line") {
        let at = 0;
        for (let n = 0; n < 5 && at >= 0; n++) at = text.indexOf("\n", at) + 1 || -1;
        text = at > 0 ? text.slice(at) : "";
      }
      cables++;
      try {
        const split = splitHeader(null, text);
        const header = split.header === null ? null : parseHeader(split.header);
        const doc = makeDoc(normalizeBody(split.body, { format: "mirror" }).text);
        const banner = parseBanner(doc);
        parseCaveats(doc, null);
        const tags = parseTags(doc);
        const decl = parseDeclassification(doc);

        const end = HEADER_REGION_END.exec(text.slice(0, 6_000));
        const headRegion = text.slice(0, end ? end.index : 6_000);
        count("dtg", CARRIES.dtg.test(headRegion), header?.dtg != null, id);
        count("from", CARRIES.from.test(headRegion), header?.from != null, id);
        count("to", CARRIES.to.test(headRegion), (header?.to.length ?? 0) > 0, id);
        const bodyHead = doc.text.slice(0, 3_000);
        count(
          "banner",
          CARRIES.banner.test(doc.text.split("\n", 40).join("\n")),
          banner.classification !== null,
          id,
        );
        count("tags", CARRIES.tags.test(bodyHead), tags.tags.length > 0, id);
        count(
          "eo",
          CARRIES.eo.test(bodyHead),
          !!decl && (decl.date !== null || decl.text !== ""),
          id,
        );
      } catch (err) {
        exceptions.push(`${id}: ${err instanceof Error ? err.stack : String(err)}`);
      }
    }
    seconds = (performance.now() - t0) / 1000;
    const lines = Object.entries(coverage).map(
      ([f, c]) =>
        `  ${f.padEnd(7)} found ${c.found} of ${c.carried} (${((100 * c.found) / Math.max(1, c.carried)).toFixed(2)} %)` +
        (c.missed.length ? ` missed: ${c.missed.slice(0, 8).join(" ")}` : ""),
    );
    console.info(
      [`header/caption sweep: ${cables} cables in ${seconds.toFixed(1)} s`, ...lines].join("\n"),
    );
  }, 60_000);

  it("parses every cable without an exception", () => {
    expect(cables).toBeGreaterThan(6_000);
    expect(exceptions.slice(0, 5)).toEqual([]);
  });

  for (const field of Object.keys(CARRIES) as Field[]) {
    it(`finds ${field} in at least ${FLOOR * 100} % of the cables that carry it`, () => {
      const c = coverage[field];
      expect(c.carried).toBeGreaterThan(1_000);
      expect(c.found / c.carried).toBeGreaterThanOrEqual(FLOOR);
    });
  }
});
