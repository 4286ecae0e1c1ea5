/**
 * Citations of a whole result list (`GET /api/cite`) and of one cable or paragraph
 * (`/cables/:id/cite`), as a file to download in BibTeX, CSL-JSON or RIS.
 */
import type { Archive } from "../../archive/archive.js";
import type { Cable } from "../../model/cable.js";
import { ResultSet } from "../../search/result-set.js";
import type { SortOrder } from "../../search/types.js";
import type { Db } from "../../store/db.js";
import { readCables } from "../../store/read.js";
import { badRequest } from "../problem.js";
import {
  CITATION_TYPES,
  type CitationEntry,
  type CitationFormat,
  type CitedCable,
  citations,
} from "./citation.js";
import { attachment, exportFileName } from "./export-name.js";
import { composeQuery, type QueryInput } from "./query.js";

/** A list longer than this is a bibliography nobody wants: narrow the query or use the export. */
export const MAX_CITED = 5000;

function download(text: string, format: CitationFormat, name: string): Response {
  return new Response(text, {
    headers: {
      "content-type": CITATION_TYPES[format].type,
      "content-disposition": attachment(name),
      "cache-control": "no-store",
    },
  });
}

export function citationResponse(
  cable: CitedCable,
  paragraph: number | undefined,
  format: CitationFormat,
  baseUrl: string,
): Response {
  const entry: CitationEntry = { cable, paragraph: paragraph ?? null };
  const name = `${cable.referenceId}${paragraph ? `-p${paragraph}` : ""}.${CITATION_TYPES[format].extension}`;
  return download(citations([entry], format, baseUrl), format, name);
}

type ListInput = QueryInput & { format: CitationFormat; sort?: SortOrder | undefined };

function tooMany(total: number): void {
  if (total > MAX_CITED) {
    throw badRequest(
      `the query matches ${total} cables; a citation list takes at most ${MAX_CITED}: narrow the query (the CSV export takes any number)`,
      { param: "q" },
    );
  }
}

function sqliteCables(db: Db, input: ListInput): Cable[] {
  const { node } = composeQuery(input);
  const set = new ResultSet(db, node, input.sort ?? "created");
  try {
    tooMany(set.total);
    const cables: Cable[] = [];
    for (const ids of set.batches(500)) cables.push(...readCables(db, ids));
    return cables;
  } finally {
    set.close();
  }
}

/** Any other archive: counted first, then read through its JSONL export in the same order. */
async function archiveCables(archive: Archive, input: ListInput): Promise<Cable[]> {
  const { node, text } = composeQuery(input);
  const sort = input.sort ?? "created";
  tooMany((await archive.searchParsed(node, { sort, limit: 1, snippets: false })).total);
  const cables: Cable[] = [];
  for await (const chunk of archive.exportChunks(text, "jsonl", { sort })) {
    for (const line of chunk.split("\n")) if (line) cables.push(JSON.parse(line) as Cable);
  }
  return cables;
}

export async function citationListResponse(
  archive: Archive,
  input: ListInput,
  baseUrl: string,
): Promise<Response> {
  const cables = archive.sqlite
    ? sqliteCables(archive.sqlite, input)
    : await archiveCables(archive, input);
  const entries: CitationEntry[] = cables.map((cable) => ({
    cable: { ...cable, referenceId: cable.referenceId! },
  }));
  const name = exportFileName(input, CITATION_TYPES[input.format].extension);
  return download(citations(entries, input.format, baseUrl), input.format, name);
}
