import { existsSync } from "node:fs";
import {
  type Archive,
  archiveTarget,
  isPostgresUrl,
  openPostgresArchive,
  refusePostgres,
  sqliteArchive,
} from "../archive/archive.js";
import { InvalidCursorError } from "../search/index.js";
import { unescapeHtml } from "../search/snippets.js";
import type { FacetCount, SearchResult } from "../search/types.js";
import { QuerySyntaxError, SORT_ORDERS } from "../search/types.js";
import { type Db, openArchive } from "../store/db.js";
import { defineCommand } from "./command.js";
import { Output, withOpened } from "./io.js";
import { dbOption, dbReadOption } from "./options.js";

/**
 * Opens an existing archive for the read commands: a missing file is a clear error, not a new empty
 * archive. Opened writable so an archive made by an older version gets the search indexes.
 */
export function openExistingArchive(path: string): Db {
  refusePostgres(path);
  if (path !== ":memory:" && !existsSync(path)) {
    throw new Error(
      `no archive at ${path} (create one with 'cablegram ingest', or pass --db PATH)`,
    );
  }
  return openArchive(path);
}

/**
 * The archive a read command works on: `--db-read` (else CABLEGRAM_DB_READ) when given, a
 * PostgreSQL server holding the archive (a replica of the primary that ingests); otherwise `--db`
 * (else CABLEGRAM_DB), a SQLite file that must exist or an archive on PostgreSQL. PostgreSQL is
 * opened without migrating: a read-only role may be all it has, and a replica cannot be written.
 */
export async function openReadArchive(given: string, read?: string): Promise<Archive> {
  const replica = readTarget(read);
  if (replica) return openPostgresArchive(replica, { readonly: true });
  const target = archiveTarget(given);
  if (isPostgresUrl(target)) return openPostgresArchive(target, { readonly: true });
  return sqliteArchive(openExistingArchive(target), target);
}

/** `--db-read`, else CABLEGRAM_DB_READ, else none; anything but a PostgreSQL URL is refused. */
export function readTarget(value: string | undefined): string | null {
  const target = value || process.env.CABLEGRAM_DB_READ || null;
  if (target && !isPostgresUrl(target)) {
    throw new Error(
      "--db-read (or CABLEGRAM_DB_READ) takes a postgres:// URL: a server holding the archive, such as a streaming replica (docs/server-mode.md)",
    );
  }
  return target;
}

/** The query with a caret under the error position, for terminals. */
export function pointAt(query: string, err: QuerySyntaxError): string {
  const flat = query.replace(/[\r\n\t]/g, " ");
  const start = Math.max(0, err.position - 60);
  const shown = flat.slice(start, start + 120);
  return `  ${shown}\n  ${" ".repeat(Math.max(0, err.position - start))}^`;
}

/** Snippet HTML → terminal text: marks in bold on a terminal, dropped otherwise. */
export function terminalSnippet(html: string, tty: boolean): string {
  const marked = html
    .replace(/<mark>/g, tty ? "\x1b[1m" : "")
    .replace(/<\/mark>/g, tty ? "\x1b[22m" : "");
  return unescapeHtml(marked).replace(/\s+/g, " ");
}

function table(title: string, rows: FacetCount[]): string {
  if (rows.length === 0) return "";
  const width = Math.max(title.length, ...rows.map((r) => r.value.length));
  const lines = rows.map((r) => `  ${r.value.padEnd(width)}  ${String(r.count).padStart(7)}`);
  return `  ${title.padEnd(width)}  ${"count".padStart(7)}\n${lines.join("\n")}\n\n`;
}

function histogram(rows: { month: string; count: number }[]): string {
  if (rows.length === 0) return "";
  const max = Math.max(...rows.map((r) => r.count));
  const bar = (n: number) => "#".repeat(Math.max(1, Math.round((n / max) * 40)));
  return `  month      count\n${rows.map((r) => `  ${r.month}  ${String(r.count).padStart(6)}  ${bar(r.count)}`).join("\n")}\n`;
}

export function formatResult(r: SearchResult, tty: boolean): string {
  const out: string[] = [];
  if (r.exactId) out.push(`Cable ${r.exactId} (cablegram show ${r.exactId} to read it)\n\n`);
  for (const h of r.hits) {
    // `~` marks an estimated date (undated cables, src/store/date-estimates.ts).
    const date = h.created
      ? h.created.slice(0, 10)
      : h.createdEstimate
        ? `~${h.createdEstimate}`
        : "----------";
    out.push(
      `${h.referenceId}  ${date}  ${h.classification ?? "-"}  ${h.subject ?? "(no subject)"}\n`,
    );
    if (h.snippet) {
      const where = h.paragraph !== null ? `¶${h.paragraph}  ` : "";
      out.push(`    ${where}${terminalSnippet(h.snippet, tty)}\n`);
    }
  }
  const shown = r.hits.length;
  out.push(`\n${shown} of ${r.total} hit${r.total === 1 ? "" : "s"}`);
  out.push(r.next ? `; next page: --cursor ${r.next}\n` : "\n");
  if (r.suggestions && r.suggestions.length > 0) {
    out.push(`ids starting so: ${r.suggestions.join(" ")}\n`);
  }
  if (r.didYouMean && r.didYouMean.length > 0) {
    const offers = r.didYouMean.map((s) => `${s.suggestion} (${s.docs} cables) for ${s.word}`);
    out.push(`did you mean: ${offers.join(", ")}; every spelling: word~\n`);
  }
  if (r.facets) {
    out.push("\n");
    out.push(table("tag", r.facets.tag));
    out.push(table("origin", r.facets.origin));
    out.push(table("classification", r.facets.classification));
    out.push(table("caveat", r.facets.caveat));
  }
  if (r.histogram) out.push(histogram(r.histogram));
  return out.join("");
}

export const searchCommand = defineCommand({
  name: "search",
  summary:
    "the query language of `docs/query-language.md`; `--facets`, `--sort`, `--cursor`, `--json`",
  positionals: {
    name: "QUERY",
    help: 'query language: words, "phrases", prefix*, AND/OR/NOT, NEAR(a b, 5), fields such as tag:PGOV origin:almaty created:2005-05..2005-06 (docs/query-language.md)',
    required: true,
  },
  options: {
    sort: {
      type: "string",
      arg: "S",
      choices: SORT_ORDERS,
      default: "relevance",
      help: "order of the hits",
    },
    limit: { type: "integer", arg: "N", min: 1, default: 20, help: "hits per page" },
    cursor: { type: "string", arg: "C", help: "the page after the one that printed this cursor" },
    facets: {
      type: "boolean",
      help: "counts per TAG, origin, classification and caveat, and hits per month",
    },
    json: { type: "boolean", help: "the SearchResult as JSON" },
    db: dbOption,
    "db-read": dbReadOption,
  },
  async run(values, positionals) {
    const query = positionals.join(" ");
    return withOpened(
      "search",
      () => openReadArchive(values.db, values["db-read"]),
      async (archive) => {
        try {
          const result = await archive.search(query, {
            sort: values.sort,
            limit: values.limit,
            cursor: values.cursor ?? null,
            facets: values.facets,
          });
          const out = new Output();
          await out.write(
            values.json
              ? `${JSON.stringify(result, null, 2)}\n`
              : formatResult(result, process.stdout.isTTY === true),
          );
          await out.flush();
          return 0;
        } catch (err) {
          if (err instanceof InvalidCursorError) {
            process.stderr.write(`cablegram search: ${err.message}\n`);
            return 2;
          }
          if (err instanceof QuerySyntaxError) {
            process.stderr.write(`cablegram search: ${err.message}\n${pointAt(query, err)}\n`);
            return 2;
          }
          throw err;
        }
      },
    );
  },
});
