import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArchive } from "../../test/search/fixture-archive.js";
import { type Cable, emptyCable } from "../model/cable.js";
import { parseCsv } from "../reference/reference-data.js";
import { QuerySyntaxError } from "../search/types.js";
import type { Db } from "../store/db.js";
import { writeCable } from "../store/write.js";
import { gexfNode, xmlEscape } from "./gexf-write.js";
import { CSV_COLUMNS, csvField, exportQuery } from "./index.js";

let db: Db;
beforeAll(() => {
  db = fixtureArchive();
  // A subject with every character CSV and XML must escape, and one XML cannot hold at all.
  const hostile: Cable = {
    ...emptyCable(),
    referenceId: "09TRIPOLI300",
    station: "TRIPOLI",
    year: 2009,
    serial: 300,
    created: "2009-04-01T10:00:00Z",
    origin: "Embassy Tripoli",
    classification: "UNCLASSIFIED",
    tags: ["LY"],
    subject: 'SAIF SAYS "NO", <script>alert(1)</script> & CO;\nSECOND LINE\u0001',
    references: [
      { label: "A", kind: "cable", referenceId: "09TRIPOLI208", text: "TRIPOLI 208" },
      { label: "B", kind: "cable", referenceId: "09TRIPOLI250", text: "TRIPOLI 250" },
    ],
    body: "Qadhafi's son spoke.",
  };
  writeCable(db, hostile);
});
afterAll(() => db.close());

const text = (q: string, format: "csv" | "jsonl" | "gexf", opts = {}) =>
  [...exportQuery(db, q, format, opts)].join("");

/**
 * Checks XML well-formedness the way a parser would: one root, properly nested and closed
 * elements, quoted attributes, no raw `<` or stray `&` in text, no characters XML forbids.
 */
function checkWellFormed(xml: string): { elements: Map<string, number> } {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(/[^\t\n\r\P{Cc}]/u.test(xml)).toBe(false);
  const body = xml.slice(xml.indexOf("?>") + 2);
  const stack: string[] = [];
  const elements = new Map<string, number>();
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let roots = 0;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf("<", i);
    const chunk = body.slice(i, lt < 0 ? body.length : lt);
    expect(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(chunk), chunk).toBe(false);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    expect(m, body.slice(lt, lt + 80)).not.toBeNull();
    const [whole, close, name, attrs, selfClose] = m!;
    for (const [, value] of attrs!.matchAll(/="([^"]*)"/g)) {
      expect(/&(?!(amp|lt|gt|quot|apos);)/.test(value!), value).toBe(false);
    }
    if (close) {
      expect(stack.pop()).toBe(name);
    } else {
      if (stack.length === 0) roots++;
      elements.set(name!, (elements.get(name!) ?? 0) + 1);
      if (!selfClose) stack.push(name!);
    }
    i = lt + whole!.length;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  return { elements };
}

describe("CSV export", () => {
  it("quotes fields with commas, quotes, line breaks and edge spaces (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField(null)).toBe("");
    expect(csvField(true)).toBe("true");
  });

  it("writes a header and one row per hit that a CSV reader gets back intact", () => {
    const csv = text("tag:LY", "csv");
    const rows = parseCsv(csv.replace(/\r\n/g, "\n"));
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({
      reference_id: "08TRIPOLI494",
      created: "2008-06-22T08:08:00Z",
    });
    const hostile = rows.find((r) => r.reference_id === "09TRIPOLI300")!;
    expect(hostile.subject).toBe(
      'SAIF SAYS "NO", <script>alert(1)</script> & CO;\nSECOND LINE\u0001',
    );
    expect(hostile.references).toBe("09TRIPOLI208; 09TRIPOLI250");
    const guarded = rows.find((r) => r.reference_id === "09TRIPOLI212")!;
    expect(guarded).toMatchObject({
      classification: "SECRET//NOFORN",
      caveats: "NOFORN",
      tags: "PGOV; PREL; LY",
      reasons: "1.4(b); 1.4(c); 1.4(d)",
      signers: "CRETZ",
      partial: "false",
      paragraphs: "2",
    });
  });

  it("follows the sort order and streams in chunks", () => {
    const chunks = [...exportQuery(db, "tag:LY", "csv", { sort: "-created", batchSize: 3 })];
    expect(chunks.length).toBe(1 + 3);
    expect(chunks[1]!.startsWith("09TRIPOLI300,")).toBe(true);
  });
});

describe("JSONL export", () => {
  it("writes the Cable JSON of every hit, one per line", () => {
    const lines = text("", "jsonl").trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    const cables = lines.map((l) => JSON.parse(l) as Cable);
    expect(cables.map((c) => c.referenceId)[0]).toBe("00HARARE5461");
    const guatemala = cables.find((c) => c.referenceId === "09GUATEMALA917")!;
    expect(guatemala.protect[0]?.marker).toBe("STRICTLY PROTECT");
    expect(guatemala.paragraphs[1]?.text).toMatch(/^Her ties to former guerrilla leader/);
    expect(guatemala.body).toContain("SUBJECT: First Lady Prepares");
  });

  it("is empty, not an error, when nothing matches", () => {
    expect(text("nosuchwordanywhere", "jsonl")).toBe("");
  });
});

describe("GEXF export", () => {
  it("is well-formed GEXF 1.3 with result nodes, cited nodes and REF edges", () => {
    const xml = text("station:tripoli year:2009", "gexf");
    const { elements } = checkWellFormed(xml);
    expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(xml).toContain('version="1.3"');
    // 6 result cables + the cables they cite outside the results (present or not).
    const nodeIds = [...xml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(nodeIds).size).toBe(nodeIds.length);
    expect(nodeIds).toEqual(
      expect.arrayContaining([
        "09TRIPOLI208",
        "09TRIPOLI300",
        "08TRIPOLI494",
        "08TRIPOLI564",
        "09TRIPOLI250",
      ]),
    );
    expect(elements.get("node")).toBe(nodeIds.length);
    const edges = [...xml.matchAll(/<edge id="\d+" source="([^"]+)" target="([^"]+)"/g)];
    expect(edges.map((m) => `${m[1]}>${m[2]}`)).toContain("09TRIPOLI212>09TRIPOLI208");
    for (const [, source, target] of edges) {
      expect(nodeIds).toContain(source);
      expect(nodeIds).toContain(target);
    }
    expect(xml).toMatch(
      /<node id="08TRIPOLI564" label="08TRIPOLI564"><attvalues><attvalue for="station" value="TRIPOLI"\/><attvalue for="created" value="2008-07-15"\/><attvalue for="present" value="false"\/><attvalue for="estimated" value="true"\/>/,
    );
    expect(xml).toContain('<attvalue for="present" value="true"/>');
  });

  it("escapes hostile text and drops characters XML cannot hold", () => {
    const xml = text("09TRIPOLI300", "gexf");
    checkWellFormed(xml);
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; CO;");
    expect(xml).toContain("&quot;NO&quot;");
    expect(xmlEscape("a\u0001b\uFFFEc\uD800d")).toBe("abcd");
    expect(
      gexfNode({
        id: "x",
        label: "it's",
        station: null,
        created: null,
        present: true,
        estimated: false,
      }),
    ).toContain('label="it&apos;s"');
  });
});

describe("exportQuery", () => {
  it("refuses a bad query before writing anything", () => {
    expect(() => exportQuery(db, "tag:", "csv")).toThrow(QuerySyntaxError);
  });

  it("leaves no temp tables behind, even when the reader stops early", () => {
    const chunks = exportQuery(db, "", "gexf", { batchSize: 2 });
    chunks.next();
    chunks.next();
    chunks.return(undefined);
    text("", "csv");
    const temp = db
      .prepare("SELECT name FROM temp.sqlite_master WHERE name LIKE 'result_set%'")
      .all();
    expect(temp).toEqual([]);
  });
});
