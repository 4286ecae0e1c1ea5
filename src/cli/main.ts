import { runId } from "./id.js";
import { runParse } from "./parse.js";

/** Subcommand table: each entry is a thin layer over a library function. */
const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  parse: { run: runParse, help: "parse FILE... | parse --batch   cables → Cable JSON lines" },
  id: { run: runId, help: "id --batch | id ID...            reference ids → canonical ids" },
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
