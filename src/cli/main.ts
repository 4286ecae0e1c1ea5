import { COMMANDS } from "./commands.js";

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    "usage: cablegram <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary.replace(/`/g, "")}`),
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
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`cablegram: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  return cmd.main(rest);
}
