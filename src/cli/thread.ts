import { thread, threadTable } from "../analytics/thread.js";
import { canonicalId } from "../model/reference-id.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { printTables, tableFormat } from "./analytics-io.js";
import { commandArgs } from "./args.js";
import { errorMessage } from "./io.js";
import { openExistingArchive } from "./search.js";

const HELP = `usage: cablegram thread ID [--csv|--json] [--db PATH]
  The conversation around a cable: what it cites, the replies that cite it and their follow-ups,
  by date across posts; who answered, how fast, and which addressed posts never did.
  --csv       CSV: header row, then one row per message
  --json      as JSON
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

export async function runThread(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "thread",
    args,
    {
      csv: { type: "boolean" },
      json: { type: "boolean" },
      db: { type: "string", default: DEFAULT_ARCHIVE },
      help: { type: "boolean", short: "h" },
    },
    HELP,
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const raw = positionals.join("");
  const id = canonicalId(raw);
  if (!id) {
    process.stderr.write(`cablegram thread: not a cable id: '${raw}' (e.g. 05ALMATY2121)\n`);
    return 2;
  }
  let db: ReturnType<typeof openExistingArchive>;
  try {
    db = openExistingArchive(values.db);
  } catch (err) {
    process.stderr.write(`cablegram thread: ${errorMessage(err)}\n`);
    return 1;
  }
  try {
    const t = thread(db, id);
    if (!t) {
      process.stderr.write(`cablegram thread: ${id} is not in the archive\n`);
      return 1;
    }
    const answered = {
      name: "answered",
      title: "Who answered (first reply, days after the cable)",
      columns: ["post", "first reply", "days", "replies"],
      rows: t.answered.map((a) => [a.post, a.first, a.days, a.replies]),
    };
    const silent = {
      name: "silent",
      title: "Addressed posts with no reply in the archive",
      columns: ["post", "addressed as"],
      rows: t.silent.map((s) => [s.post, s.role === "to" ? "action" : "info"]),
    };
    const format = tableFormat(values);
    await printTables(
      format === "csv" ? [threadTable(t)] : [threadTable(t), answered, silent],
      format,
      t,
    );
    return 0;
  } finally {
    db.close();
  }
}
