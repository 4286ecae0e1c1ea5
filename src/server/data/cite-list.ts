/**
 * Citations of a whole result list (`GET /api/cite`) and of one cable or paragraph
 * (`/cables/:id/cite`), as a file to download in BibTeX, CSL-JSON or RIS.
 */
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

export function citationListResponse(
  db: Db,
  input: QueryInput & { format: CitationFormat; sort?: SortOrder | undefined },
  baseUrl: string,
): Response {
  const { node } = composeQuery(input);
  const set = new ResultSet(db, node, input.sort ?? "created");
  try {
    if (set.total > MAX_CITED) {
      throw badRequest(
        `the query matches ${set.total} cables; a citation list takes at most ${MAX_CITED}: narrow the query (the CSV export takes any number)`,
        { param: "q" },
      );
    }
    const entries: CitationEntry[] = [];
    for (const ids of set.batches(500)) {
      for (const cable of readCables(db, ids)) {
        entries.push({ cable: { ...cable, referenceId: cable.referenceId! } });
      }
    }
    const name = exportFileName(input, CITATION_TYPES[input.format].extension);
    return download(citations(entries, input.format, baseUrl), input.format, name);
  } finally {
    set.close();
  }
}
