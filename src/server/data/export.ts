/**
 * The search view's file renderers: every cable its query and filters match, streamed (no cap)
 * as CSV, JSONL or GEXF — `/search?format=csv`, `/api/search?format=csv` and `/api/export`. The
 * stream pulls one batch from the search layer's export generator per read, so a slow client holds
 * back the database work instead of piling chunks up in memory; a client that goes away ends it.
 */
import type { Archive } from "../../archive/archive.js";
import { type ExportFormat, exportQuery } from "../../export/index.js";
import { QuerySyntaxError } from "../../search/index.js";
import type { SortOrder } from "../../search/types.js";
import type { Db } from "../../store/db.js";
import { badRequest } from "../problem.js";
import { attachment, exportFileName } from "./export-name.js";
import { publicCable } from "./public-paths.js";
import { composeQuery, type QueryInput } from "./query.js";

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
  gexf: "application/gexf+xml; charset=utf-8",
};

/** A JSONL chunk with each cable's source reduced to a base name (public mode). */
function withoutPathsIn(chunk: string): string {
  return chunk
    .split("\n")
    .map((line) => (line ? JSON.stringify(publicCable(JSON.parse(line))) : line))
    .join("\n");
}

function* withoutPaths(chunks: Generator<string>): Generator<string> {
  try {
    for (const chunk of chunks) yield withoutPathsIn(chunk);
  } finally {
    chunks.return(undefined);
  }
}

/** The same over an archive that answers asynchronously: PostgreSQL stores full paths too. */
async function* withoutPathsAsync(chunks: AsyncIterator<string>): AsyncGenerator<string> {
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      yield withoutPathsIn(next.value);
    }
  } finally {
    await chunks.return?.(undefined);
  }
}

export function exportStream(
  db: Db,
  query: string,
  format: ExportFormat,
  sort: SortOrder = "created",
  opts: { public?: boolean } = {},
): ReadableStream<Uint8Array> {
  const chunks = refusingBadQuery(() => {
    const all = exportQuery(db, query, format, { sort });
    return opts.public && format === "jsonl" ? withoutPaths(all) : all;
  });
  // The first chunk is read before the answer starts: the result set is built there, so an archive
  // that fails at once gets a 5xx problem (src/server/app.ts) instead of a 200 that stops.
  return chunkStream(chunks, chunks.next());
}

/**
 * The same stream from an archive that answers asynchronously (PostgreSQL): the query is refused
 * and the first chunk read before the answer starts, as above.
 */
async function archiveStream(
  archive: Archive,
  query: string,
  format: ExportFormat,
  sort: SortOrder,
  opts: { public?: boolean } = {},
): Promise<ReadableStream<Uint8Array>> {
  const chunks = refusingBadQuery(() => {
    const all = archive.exportChunks(query, format, { sort })[Symbol.asyncIterator]();
    return opts.public && format === "jsonl" ? withoutPathsAsync(all) : all;
  });
  return chunkStream(chunks, await chunks.next());
}

/** Starts an export, a query the parser refuses answering 400 with where it stopped. */
function refusingBadQuery<T>(start: () => T): T {
  try {
    return start();
  } catch (err) {
    if (err instanceof QuerySyntaxError)
      throw badRequest(err.message, { param: "q", position: err.position });
    throw err;
  }
}

/** The chunks after `first` (read already) as a byte stream, one non-empty chunk per read. */
function chunkStream(
  chunks: Iterator<string> | AsyncIterator<string>,
  first: IteratorResult<string>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: IteratorResult<string> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Empty chunks (a batch with nothing to write) are skipped: enqueueing one would end nothing.
      for (;;) {
        let next: IteratorResult<string>;
        try {
          next = pending ?? (await chunks.next());
          pending = null;
        } catch (err) {
          // Headers are gone: the only honest end is an aborted transfer (no final chunk), which
          // every HTTP client reports as an error rather than as a complete, shorter file.
          controller.error(err);
          return;
        }
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value) {
          controller.enqueue(encoder.encode(next.value));
          return;
        }
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}

/**
 * The download of a search view: its query and filters composed as the page composes them, in
 * its sort order, or by creation date when it has none (relevance is a page's order; a file of
 * every match is read in date order).
 */
export async function exportResponse(
  archive: Archive,
  view: QueryInput & { sort?: SortOrder | null | undefined },
  format: ExportFormat,
  opts: { public?: boolean } = {},
): Promise<Response> {
  const query = composeQuery(view).text;
  const sort = view.sort ?? "created";
  // SQLite keeps its synchronous generator: one batch per read, no query awaited in between.
  const body = archive.sqlite
    ? exportStream(archive.sqlite, query, format, sort, opts)
    : await archiveStream(archive, query, format, sort, opts);
  return new Response(body, {
    headers: {
      "content-type": EXPORT_TYPES[format],
      "content-disposition": attachment(exportFileName(view, format)),
      "cache-control": "no-store",
    },
  });
}
