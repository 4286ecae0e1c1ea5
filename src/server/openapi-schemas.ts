/**
 * JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of the API's answers. The Cable schema is the
 * project's own docs/cable.schema.json, so the API is held to the same contract as the parser.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Schema = Record<string, unknown>;

const CABLE_SCHEMA = fileURLToPath(new URL("../../docs/cable.schema.json", import.meta.url));

const str = { type: "string" };
const int = { type: "integer", minimum: 0 };
const nullable = (type: string, extra: Schema = {}) => ({ type: [type, "null"], ...extra });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: Schema) => ({ type: "array", items });
const object = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: "object",
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const isoDateTime = nullable("string", {
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z$",
});
const isoDate = nullable("string", { pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const month = { type: "string", pattern: "^\\d{4}-\\d{2}$" };

function cableSchema(): Schema {
  if (!existsSync(CABLE_SCHEMA)) return { type: "object", description: "docs/cable.schema.json" };
  const { $schema: _drop, ...schema } = JSON.parse(readFileSync(CABLE_SCHEMA, "utf8")) as Schema;
  return schema;
}

const facetCount = object({ value: str, count: int });

export function componentSchemas(): Record<string, Schema> {
  return {
    Problem: {
      ...object(
        {
          type: str,
          title: str,
          status: { type: "integer", minimum: 400, maximum: 599 },
          detail: str,
          param: str,
          position: int,
        },
        ["param", "position"],
      ),
      description:
        "RFC 9457 problem details; `position` is the 0-based offset of a syntax error in `q`.",
    },
    FacetCount: facetCount,
    SearchHit: object({
      referenceId: str,
      subject: nullable("string"),
      created: isoDateTime,
      createdEstimate: {
        ...isoDate,
        description: "estimated day of a cable no source dates (never a fact); null when dated",
      },
      released: isoDateTime,
      origin: nullable("string"),
      classification: nullable("string"),
      snippet: { ...nullable("string"), description: "HTML: matches in <mark>, the rest escaped" },
      paragraph: nullable("integer"),
    }),
    SearchResult: object(
      {
        total: int,
        hits: arrayOf(ref("SearchHit")),
        facets: {
          oneOf: [
            { type: "null" },
            object({
              tag: arrayOf(ref("FacetCount")),
              origin: arrayOf(ref("FacetCount")),
              classification: arrayOf(ref("FacetCount")),
              caveat: arrayOf(ref("FacetCount")),
            }),
          ],
        },
        histogram: { oneOf: [{ type: "null" }, arrayOf(object({ month, count: int }))] },
        next: { ...nullable("string"), description: "cursor of the next page; null on the last" },
        exactId: nullable("string"),
        suggestions: arrayOf(str),
      },
      ["exactId", "suggestions"],
    ),
    Cable: cableSchema(),
    CiteEdge: object(
      {
        label: nullable("string"),
        referenceId: str,
        present: { type: "boolean" },
        subject: nullable("string"),
        created: isoDateTime,
        estimatedCreated: isoDate,
      },
      ["estimatedCreated"],
    ),
    Version: object({
      versionId: int,
      current: { type: "boolean" },
      released: isoDateTime,
      source: object({
        format: { enum: ["csv", "html", "mirror", "scraped", "raw"] },
        file: str,
        offset: int,
        line: int,
      }),
      ingestedAt: str,
      textHash: str,
      contentHash: str,
    }),
    CableWithGraph: {
      allOf: [
        ref("Cable"),
        object({
          createdEstimate: {
            oneOf: [
              { type: "null" },
              object({
                date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                from: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                to: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                basis: { enum: ["serial", "decl"] },
                witnesses: arrayOf(str),
              }),
            ],
            description: "estimated creation day of a cable no source dates; never a fact",
          },
          cites: arrayOf(ref("CiteEdge")),
          citedBy: arrayOf(ref("CiteEdge")),
          versions: { ...arrayOf(ref("Version")), minItems: 1 },
        }),
      ],
    },
    Neighbourhood: object({
      center: str,
      nodes: arrayOf(
        object({
          id: str,
          present: { type: "boolean" },
          station: nullable("string"),
          subject: nullable("string"),
          created: isoDateTime,
          estimatedCreated: isoDate,
          depth: int,
        }),
      ),
      edges: arrayOf(object({ source: str, target: str, label: nullable("string") })),
      truncated: { type: "boolean" },
    }),
    Stats: object({
      cables: int,
      versions: int,
      references: int,
      citedCables: int,
      missingCables: int,
      partial: int,
      byYear: arrayOf(object({ year: nullable("integer"), count: int })),
      byClassification: arrayOf(object({ classification: nullable("string"), count: int })),
      bytes: int,
      lastIngest: {
        oneOf: [{ type: "null" }, object({ startedAt: str, finishedAt: nullable("string") })],
      },
      months: arrayOf(object({ month, count: int })),
      topOrigins: arrayOf(ref("FacetCount")),
      topTags: arrayOf(ref("FacetCount")),
      topCaveats: arrayOf(ref("FacetCount")),
    }),
    Tags: object({
      total: int,
      tags: arrayOf(
        object({
          tag: str,
          count: int,
          kind: { enum: ["geo", "person", "program", "subject", "org", "unknown"] },
          meaning: nullable("string"),
          category: nullable("string"),
        }),
      ),
    }),
  };
}
