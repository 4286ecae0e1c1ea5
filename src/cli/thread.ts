import { thread, threadTable } from "../analytics/thread.js";
import { canonicalId } from "../model/reference-id.js";
import { printTables, tableFormat } from "./analytics-io.js";
import { defineCommand, UsageError } from "./command.js";
import { withOpened } from "./io.js";
import { dbOption } from "./options.js";
import { openReadArchive } from "./search.js";

export const threadCommand = defineCommand({
  name: "thread",
  summary:
    "a cable's conversation: what it cites, replies and follow-ups by date across posts, who answered, who never did",
  positionals: { name: "ID", help: "cable id as written (08TRIPOLI227)", required: true },
  options: {
    csv: { type: "boolean", help: "CSV: a header row, then one row per message" },
    json: { type: "boolean", help: "as JSON" },
    db: dbOption,
  },
  async run(values, positionals) {
    const raw = positionals.join("");
    const id = canonicalId(raw);
    if (!id) throw new UsageError(`not a cable id: '${raw}' (e.g. 05ALMATY2121)`);
    return withOpened(
      "thread",
      () => openReadArchive(values.db),
      async (archive) => {
        const t = await thread(archive.analytics, id);
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
        const tables = format === "csv" ? [threadTable(t)] : [threadTable(t), answered, silent];
        await printTables(tables, format, t);
        return 0;
      },
    );
  },
});
