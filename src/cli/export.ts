import { createWriteStream, renameSync, rmSync } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { EXPORT_FORMATS, type ExportFormat, exportQuery } from "../export/index.js";
import type { SortOrder } from "../search/types.js";
import { QuerySyntaxError } from "../search/types.js";
import type { Db } from "../store/db.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { commandArgs } from "./args.js";
import { archiveFailureMessage, errorMessage } from "./io.js";
import { openExistingArchive, pointAt } from "./search.js";

const SORTS: SortOrder[] = ["created", "-created", "released", "-released", "relevance"];

const HELP = `usage: cablegram export QUERY --format csv|jsonl|gexf [--sort S] [--out FILE] [--db PATH]
  QUERY       as for 'cablegram search'; every matching cable, no cap ("" exports the archive)
  --format F  csv: one row per cable; jsonl: the Cable JSON, one per line;
              gexf: the reference graph of the results (GEXF 1.3, for Gephi)
  --sort S    ${SORTS.join(", ")} (default created)
  --out FILE  write there instead of stdout
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        stream.off("error", fail);
        resolve();
      };
      const fail = (err: Error) => {
        stream.off("drain", done);
        reject(err);
      };
      stream.once("drain", done);
      stream.once("error", fail);
    });
  }
}

export async function runExport(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "export",
    args,
    {
      format: { type: "string" },
      sort: { type: "string", default: "created" },
      out: { type: "string" },
      db: { type: "string", default: DEFAULT_ARCHIVE },
      help: { type: "boolean", short: "h" },
    },
    HELP,
    { positionals: false },
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const format = values.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format)) {
    process.stderr.write(
      `cablegram export: --format must be one of ${EXPORT_FORMATS.join(", ")}\n`,
    );
    return 2;
  }
  const sort = values.sort as SortOrder;
  if (!SORTS.includes(sort)) {
    process.stderr.write(`cablegram export: unknown sort '${sort}' (one of ${SORTS.join(", ")})\n`);
    return 2;
  }
  const query = positionals.join(" ");
  let db: Db;
  try {
    db = openExistingArchive(values.db);
  } catch (err) {
    process.stderr.write(`cablegram export: ${errorMessage(err)}\n`);
    return 1;
  }
  try {
    let chunks: Generator<string>;
    try {
      chunks = exportQuery(db, query, format, { sort });
    } catch (err) {
      if (!(err instanceof QuerySyntaxError)) throw err;
      process.stderr.write(`cablegram export: ${err.message}\n${pointAt(query, err)}\n`);
      return 2;
    }
    // A file is written beside its name and renamed when complete: a failure halfway (a damaged
    // archive, a full disk) leaves no truncated file that looks whole.
    const temp = values.out ? `${values.out}.partial-${process.pid}` : null;
    const stream: Writable = temp ? createWriteStream(temp) : process.stdout;
    // A reader that goes away (`| head`) ends the export quietly; other write errors are failures.
    let failure: NodeJS.ErrnoException | null = null;
    stream.on("error", (err: NodeJS.ErrnoException) => {
      failure = err;
    });
    let readFailure: unknown = null;
    try {
      for (const chunk of chunks) {
        if (failure) break;
        await write(stream, chunk).catch(() => undefined);
      }
    } catch (err) {
      readFailure = err;
    }
    chunks.return(undefined);
    if (readFailure || failure) {
      if (temp) {
        stream.destroy();
        rmSync(temp, { force: true });
      }
      if (!readFailure && (failure as NodeJS.ErrnoException | null)?.code === "EPIPE") return 0;
      const why = readFailure
        ? archiveFailureMessage(readFailure, values.db)
        : (failure as unknown as Error).message;
      const where = values.out
        ? `; ${values.out} was not written`
        : "; the output above is incomplete";
      process.stderr.write(`cablegram export: failed part way${where}: ${why}\n`);
      return 1;
    }
    if (temp && values.out) {
      stream.end();
      try {
        await finished(stream);
        renameSync(temp, values.out);
      } catch (err) {
        rmSync(temp, { force: true });
        process.stderr.write(
          `cablegram export: cannot write ${values.out}: ${errorMessage(err)}\n`,
        );
        return 1;
      }
    }
    return 0;
  } finally {
    db.close();
  }
}
