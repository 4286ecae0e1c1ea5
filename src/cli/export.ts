import { createWriteStream, renameSync, rmSync } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Archive } from "../archive/archive.js";
import { EXPORT_FORMATS } from "../export/index.js";
import { QuerySyntaxError, SORT_ORDERS } from "../search/types.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage, errorMessage, withOpened } from "./io.js";
import { dbOption, dbReadOption } from "./options.js";
import { openReadArchive, pointAt } from "./search.js";

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

export const exportCommand = defineCommand({
  name: "export",
  summary: "every hit, streamed, no cap; GEXF is the reference graph for Gephi",
  positionals: {
    name: "QUERY",
    help: "as for 'cablegram search'; every matching cable, no cap (\"\" exports the archive)",
    required: false,
  },
  options: {
    format: {
      type: "string",
      arg: "F",
      choices: EXPORT_FORMATS,
      required: true,
      help: "csv: one row per cable; jsonl: the Cable JSON, one per line; gexf: the reference graph of the results (GEXF 1.3, for Gephi)",
    },
    sort: {
      type: "string",
      arg: "S",
      choices: SORT_ORDERS,
      default: "created",
      help: "order of the cables",
    },
    out: { type: "string", arg: "FILE", help: "write there instead of stdout" },
    db: dbOption,
    "db-read": dbReadOption,
  },
  async run(values, positionals) {
    const query = positionals.join(" ");
    return withOpened(
      "export",
      () => openReadArchive(values.db, values["db-read"]),
      async (archive) => {
        let chunks: ReturnType<Archive["exportChunks"]>;
        try {
          chunks = archive.exportChunks(query, values.format, { sort: values.sort });
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
          for await (const chunk of chunks) {
            if (failure) break;
            await write(stream, chunk).catch(() => undefined);
          }
        } catch (err) {
          readFailure = err;
        }
        await chunks.return?.(undefined);
        if (readFailure || failure) {
          if (temp) {
            // The file is opened asynchronously: remove it once the stream has closed, or the
            // opening would create it again after the removal.
            stream.destroy();
            await finished(stream).catch(() => undefined);
            rmSync(temp, { force: true });
          }
          if (!readFailure && (failure as NodeJS.ErrnoException | null)?.code === "EPIPE") return 0;
          const why = readFailure
            ? archiveFailureMessage(readFailure, archive.label)
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
      },
    );
  },
});
