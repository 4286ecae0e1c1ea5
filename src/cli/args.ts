import { type ParseArgsConfig, parseArgs } from "node:util";
import { errorMessage } from "./io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>
>;

/**
 * A subcommand's options and positionals, or the exit code when there is nothing to run: 0 after
 * `--help` (usage on stdout), 2 after a bad option or without the positionals it needs (usage on
 * stderr). Every subcommand answers these cases the same way.
 */
export function commandArgs<const O extends Options>(
  command: string,
  args: string[],
  options: O,
  usage: string,
  needs: { positionals: boolean } = { positionals: true },
): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true });
  } catch (err) {
    process.stderr.write(`cablegram ${command}: ${errorMessage(err)}\n${usage}\n`);
    return 2;
  }
  if ((parsed.values as { help?: unknown }).help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (needs.positionals && parsed.positionals.length === 0) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  return parsed;
}
