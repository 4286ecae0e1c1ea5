import { runAddressees } from "./addressees.js";
import { runBursts } from "./bursts.js";
import { runCoverage } from "./coverage.js";
import { runExport } from "./export.js";
import { runId } from "./id.js";
import { runIngest } from "./ingest.js";
import { runParse } from "./parse.js";
import { runSearch } from "./search.js";
import { runSecrecy } from "./secrecy.js";
import { runServe } from "./serve.js";
import { runShow } from "./show.js";
import { runStats } from "./stats.js";
import { runThread } from "./thread.js";
import { runTimeline } from "./timeline.js";

/** Subcommand table: each entry is a thin layer over a library function. */
const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  parse: { run: runParse, help: "parse FILE... | parse --batch   cables → Cable JSON lines" },
  id: { run: runId, help: "id --batch | id ID...            reference ids → canonical ids" },
  search: { run: runSearch, help: "search QUERY [--facets]         search the archive" },
  show: {
    run: runShow,
    help: "show ID                         read a cable, its references and citations",
  },
  export: {
    run: runExport,
    help: "export QUERY --format F         every hit as csv, jsonl or gexf",
  },
  ingest: {
    run: runIngest,
    help: "ingest PATH... [--db PATH]      files, folders, cables.csv, - → the archive",
  },
  stats: { run: runStats, help: "stats [--db PATH] [--json]      what the archive holds" },
  timeline: {
    run: runTimeline,
    help: "timeline QUERY --by P [--csv]    cables per day|week|month|year",
  },
  bursts: {
    run: runBursts,
    help: "bursts QUERY [--of tag|origin]  Kleinberg bursts, strongest first",
  },
  secrecy: {
    run: runSecrecy,
    help: "secrecy QUERY                   levels, markings, signals, classifiers",
  },
  addressees: {
    run: runAddressees,
    help: "addressees QUERY                who was told: addressees, flow, precedence",
  },
  thread: {
    run: runThread,
    help: "thread ID                       what a cable cites, replies, who never answered",
  },
  coverage: {
    run: runCoverage,
    help: "coverage [QUERY]                held vs serial range per post and year",
  },
  serve: { run: runServe, help: "serve [--db PATH] [--port N]    the web UI and JSON API" },
};

export function usage(): string {
  return [
    "usage: cablegram <command> [options]",
    "",
    ...Object.values(COMMANDS).map((c) => `  ${c.help}`),
    "",
    "Run `cablegram <command> --help` for the options of one command.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`cablegram: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  return cmd.run(rest);
}
