import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Cable } from "../../src/model/cable.js";
import { parseText } from "../../src/parse/index.js";

/**
 * "A damaged copy of a cable must parse exactly as a clean copy does": real cables (bodies copied
 * from the corpus into test/fixtures/normalize/) are damaged in each way scraped and converted
 * copies are known to be, and must parse to the same Cable, with the repair listed in `warnings`.
 * Each damage is written so that it is undone exactly by the repair it tests.
 */

const FIXTURES = new URL("../../test/fixtures/normalize/", import.meta.url);
const load = (id: string): string => readFileSync(new URL(`${id}.txt`, FIXTURES), "utf8");

const ALL = [
  "02ROME1196",
  "06SAOPAULO280",
  "07ACCRA2590",
  "08TRIPOLI220",
  "09TRIPOLI268",
  "10STATE284",
  "66BUENOSAIRES2481",
];
/** The post as the cable's page-break lines print it, and the serial. */
const POST: Record<string, [string, number]> = {
  "02ROME1196": ["ROME", 1196],
  "06SAOPAULO280": ["SAO PAULO", 280],
  "07ACCRA2590": ["ACCRA", 2590],
  "08TRIPOLI220": ["TRIPOLI", 220],
  "09TRIPOLI268": ["TRIPOLI", 268],
  "10STATE284": ["STATE", 284],
  "66BUENOSAIRES2481": ["BUENOS AIR", 2481],
};

const comparable = (c: Cable): Omit<Cable, "warnings" | "source"> => {
  const { warnings: _w, source: _s, ...rest } = c;
  return rest;
};

// ---- the damages -----------------------------------------------------------------------------

const PARAGRAPH = /^(¶?)(\d{1,2})\.(?=[ (])/gm;

const crlf = (t: string): string => t.replace(/\n/g, "\r\n");
const trailingSpaces = (t: string): string => t.replace(/\n/g, "  \n");
const entities = (t: string, lineBreaks = true): string => {
  const out = t.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/’/g, "&#8217;");
  return lineBreaks ? out.replace(/\n/g, "&#x000A;") : out;
};
const mojibake = (t: string): string =>
  t.replace(/’/g, "â€™").replace(/“/g, "â€œ").replace(/¶/g, "Â¶").replace(/é/g, "Ã©");
const pilcrows = (t: string): string => t.replace(PARAGRAPH, (_m, _p, n: string) => `¶${n}.`);

/** TAGS codes become tag links, paragraph anchors become `[1](#)N.` (`[1](#).` for paragraph 1). */
const linkDebris = (t: string): string =>
  t
    .replace(/^(TAGS:?)(.*)$/m, (_m, label: string, codes: string) => {
      let i = 0;
      const linked = codes.replace(/\b[A-Z]{2,4}\b/g, (code) =>
        i++ % 2 ? `[${code}](/tag/${code}_0.html)` : `[${code}](#)`,
      );
      return label + linked;
    })
    .replace(PARAGRAPH, (_m, _p, n: string) => (n === "1" ? "[1](#)." : `[1](#)${n}.`));

/** The scraped copy's lost anchors: paragraphs `from`..`to` read `1` + their number. */
const bareOnes =
  (from: number, to: number) =>
  (t: string): string =>
    t.replace(PARAGRAPH, (m, p: string, n: string) =>
      Number(n) >= from && Number(n) <= to ? `${p}1${n}.` : m,
    );

/** Lines of running text: where a copy's furniture would not already stand. */
const isProse = (line: string): boolean =>
  line.trim().length > 20 && !/PAGE |-\d\d\b|CONFIDENTIAL|UNCLAS|SECRET|SIPDIS| OF \d/.test(line);

/**
 * Starts of prose lines `Y` that follow a prose line `X` directly (`X␤Y`) or after one blank line
 * (`X␤␤Y`), past the caption area.
 */
function boundaries(t: string, blank: boolean): number[] {
  const found: number[] = [];
  const lines = t.split("\n");
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const gap = blank ? 2 : 1;
    const x = lines[i - gap];
    const between = blank ? lines[i - 1]! : "";
    if (
      x !== undefined &&
      at > t.length / 3 &&
      isProse(x) &&
      isProse(lines[i]!) &&
      between.trim() === ""
    ) {
      found.push(at);
    }
    at += lines[i]!.length + 1;
  }
  return found;
}

const insertAt = (t: string, at: number, piece: string): string =>
  t.slice(0, at) + piece + t.slice(at);

/** Page-break lines of the 2004-2010 kind, in every position the corpus shows. */
function pageBreaks(id: string) {
  return (t: string): string => {
    const [post, serial] = POST[id]!;
    const line = (page: number, suffix = "") =>
      `${post} ${String(serial).padStart(8, "0")} 00${page}${suffix} OF 004`;
    let out = t;
    // Inside the SUBJECT line and at the end of the TAGS line.
    out = out.replace(
      /^(SUBJECT:\s+\S+\s+\S+) /m,
      (_m, head: string) => `${head} ${line(1, ".2")} `,
    );
    out = out.replace(/^(TAGS:?.*)$/m, (_m, tags: string) => `${tags} ${line(1)}`);
    // On a line of its own, and split after the serial between blank lines.
    const single = boundaries(out, false);
    if (single.length > 0) {
      const at = single[Math.floor(single.length / 2)]!;
      out = insertAt(out, at, `${line(2)}\n`);
    }
    const blank = boundaries(out, true);
    if (blank.length > 0) {
      const at = blank[Math.floor(blank.length / 2)]!;
      out = insertAt(out, at, `${post} ${String(serial).padStart(8, "0")}\n\n003 OF 004\n\n`);
    }
    // Inside a long unwrapped line.
    const long = /^.{200,}$/m.exec(out);
    if (long) {
      const space = out.indexOf(" ", long.index + 100);
      out = insertAt(out, space, ` ${line(4)}`);
    }
    return out;
  };
}

/** Old page headers with their classification line: on their own line and run into text. */
function pageHeaders(t: string): string {
  const single = boundaries(t, false);
  if (single.length < 2) return t;
  const first = single[Math.floor(single.length / 3)]!;
  const second = single[Math.floor((2 * single.length) / 3)]!;
  // The later insertion first, so the earlier offset still holds.
  let out = `${t.slice(0, second - 1)}  CONFIDENTIAL\nPAGE 03 ROME 01196 01 OF 02 082030Z ${t.slice(second)}`;
  out = insertAt(out, first, " CONFIDENTIAL\nPAGE 02        ROME  01196  01 OF 02  082030Z\n");
  return out;
}

// ---- the tests -------------------------------------------------------------------------------

function expectSameCable(clean: string, damaged: string, warning: RegExp): void {
  expect(damaged).not.toBe(clean);
  const a = parseText(clean);
  const b = parseText(damaged);
  expect(b.body).toBe(a.body);
  expect(comparable(b)).toEqual(comparable(a));
  expect(b.warnings.join("\n")).toMatch(warning);
}

const GENERIC: [string, (id: string) => (t: string) => string, RegExp][] = [
  ["CRLF line ends", () => crlf, /converted \d+ CRLF\/CR line ends to LF/],
  ["trailing spaces", () => trailingSpaces, /trailing spaces/],
  ["HTML entities", () => (t) => entities(t), /HTML entit/],
  ["mojibake", () => mojibake, /mojibake/],
  ["¶ marks", () => pilcrows, /¶ mark/],
  ["markdown link debris", () => linkDebris, /markdown link/],
  ["page-break lines", pageBreaks, /page-break line/],
  ["old PAGE headers", () => pageHeaders, /PAGE header/],
];

describe("a damaged copy parses as the clean copy does", () => {
  for (const [name, damage, warning] of GENERIC) {
    describe(name, () => {
      for (const id of ALL) {
        const clean = load(id);
        const damaged = damage(id)(clean);
        // A damage that finds nothing to damage in this cable (no ’, no prose lines...) makes no case.
        if (damaged !== clean) it(id, () => expectSameCable(clean, damaged, warning));
      }
    });
  }

  it("bare leading 1 on paragraphs 6-9, no other debris (06SAOPAULO280, 07ACCRA2590, 08TRIPOLI220)", () => {
    for (const id of ["06SAOPAULO280", "07ACCRA2590", "08TRIPOLI220"]) {
      const clean = load(id);
      expectSameCable(
        clean,
        bareOnes(6, 9)(clean),
        /paragraph numbers? carrying a stray leading 1/,
      );
    }
  });

  it("bare leading 1 on the last paragraphs of a copy with anchor debris (10STATE284)", () => {
    const clean = load("10STATE284");
    const damaged = bareOnes(4, 5)(linkDebris(clean).replace(/\[1\]\(#\)([45])\./g, "$1."));
    expect(damaged).toMatch(/^14\.\(C\)/m);
    expectSameCable(clean, damaged, /paragraph numbers? carrying a stray leading 1/);
  });

  it("reports the CRLF repair once, whichever step made it (02ROME1196)", () => {
    const cable = parseText(crlf(load("02ROME1196")));
    const lines = load("02ROME1196").split("\n").length - 1;
    expect(cable.warnings.filter((w) => /CRLF/.test(w))).toEqual([
      `converted ${lines} CRLF/CR line ends to LF`,
    ]);
  });

  it("every damage at once", () => {
    for (const id of ALL) {
      const clean = load(id);
      const furniture = pageHeaders(pageBreaks(id)(clean));
      const damaged = entities(crlf(trailingSpaces(mojibake(linkDebris(furniture)))), false);
      expectSameCable(clean, damaged, /page-break line/);
    }
  });
});
