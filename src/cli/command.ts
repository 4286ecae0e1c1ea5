/**
 * The one mechanism every subcommand uses: a command is declared once (name, summary, positionals,
 * options with their help), and its option parsing, usage errors, `--help` text, the overall usage
 * and the README command table are all derived from that declaration.
 */
import { parseArgs } from "node:util";
import { errorMessage } from "./io.js";

interface Common {
  /** One line of help; defaults and choices are appended from the declaration. */
  help: string;
  short?: string;
}
export interface BooleanOption extends Common {
  type: "boolean";
}
export interface StringOption extends Common {
  type: "string";
  /** The placeholder shown in usage (`--db PATH`). */
  arg: string;
  default?: string;
  /** The only values accepted, from the vocabulary's one source. */
  choices?: readonly string[];
  /** The command cannot run without it. */
  required?: boolean;
}
export interface IntegerOption extends Common {
  type: "integer";
  arg: string;
  default?: number;
  min: number;
  max?: number;
}
export type OptionSpec = BooleanOption | StringOption | IntegerOption;
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends BooleanOption
  ? boolean
  : S extends IntegerOption
    ? S extends { default: number }
      ? number
      : number | undefined
    : S extends { choices: readonly (infer C)[] }
      ? S extends { default: string } | { required: true }
        ? C
        : C | undefined
      : S extends { default: string } | { required: true }
        ? string
        : string | undefined;

export type Values<O extends OptionSpecs> = { [K in keyof O]: ValueOf<O[K]> };

export interface Positionals<O extends OptionSpecs> {
  /** As shown in usage (`FILE...`, `QUERY`, `ID`). */
  name: string;
  help: string;
  /** At least one is needed, except when this boolean option is set (`--batch`). */
  required: boolean;
  unless?: keyof O & string;
}

export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** What the command does, in one line: the overall usage and the README table show it. */
  summary: string;
  positionals?: Positionals<O>;
  options: O;
  /** Lines after the option list (behaviour worth knowing before running it). */
  notes?: string[];
  run(values: Values<O>, positionals: string[]): Promise<number>;
}

export interface Command {
  name: string;
  summary: string;
  /** `parse FILE...`, `parse --batch`: the ways to call it, as the README table shows them. */
  synopses: string[];
  help(): string;
  /** Parses `args` and runs; usage errors answer 2 with the message on stderr, `--help` 0. */
  main(args: string[]): Promise<number>;
}

/** Usage errors found after parsing (a value out of range, a missing input): exit code 2. */
export class UsageError extends Error {}

const HELP_OPTION: BooleanOption = { type: "boolean", short: "h", help: "this help" };

function flag(name: string, spec: OptionSpec): string {
  return spec.type === "boolean" ? `--${name}` : `--${name} ${spec.arg}`;
}

function optionHelp(spec: OptionSpec): string {
  const extra: string[] = [];
  if (spec.type === "string" && spec.choices) extra.push(`one of ${spec.choices.join(", ")}`);
  if (spec.type === "integer") {
    extra.push(spec.max === undefined ? `${spec.min} or more` : `${spec.min} to ${spec.max}`);
  }
  if (spec.type !== "boolean" && spec.default !== undefined) {
    extra.push(`default ${spec.default}`);
  }
  return extra.length ? `${spec.help} (${extra.join("; ")})` : spec.help;
}

const WIDTH = 100;

/** Two columns, the right one word-wrapped to WIDTH, for option lists. */
function columns(rows: [string, string][], indent = "  "): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const room = Math.max(30, WIDTH - indent.length - width);
  const lines: string[] = [];
  for (const [left, right] of rows) {
    let line = "";
    const wrapped: string[] = [];
    for (const word of right.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > room) {
        wrapped.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    wrapped.push(line);
    wrapped.forEach((text, i) => {
      lines.push(`${indent}${(i === 0 ? left : "").padEnd(width)}${text}`.trimEnd());
    });
  }
  return lines;
}

function checkValue(name: string, spec: OptionSpec, raw: unknown): unknown {
  if (spec.type === "boolean") return raw === true;
  if (raw === undefined) {
    if (spec.type === "string" && spec.required) {
      const one = spec.choices ? ` (one of ${spec.choices.join(", ")})` : "";
      throw new UsageError(`--${name} ${spec.arg} is required${one}`);
    }
    return undefined;
  }
  const text = String(raw);
  if (spec.type === "string") {
    if (spec.choices && !spec.choices.includes(text)) {
      throw new UsageError(`unknown ${name} '${text}' (one of ${spec.choices.join(", ")})`);
    }
    return text;
  }
  const n = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < spec.min || (spec.max !== undefined && n > spec.max)) {
    const range =
      spec.max === undefined ? `${spec.min} or more` : `from ${spec.min} to ${spec.max}`;
    throw new UsageError(`--${name} takes a whole number ${range}`);
  }
  return n;
}

export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const options = { ...spec.options, help: HELP_OPTION } as OptionSpecs;
  const pos = spec.positionals;
  const required = Object.entries(spec.options)
    .filter(([, o]) => o.type === "string" && o.required)
    .map(([name, o]) => ` ${flag(name, o)}`)
    .join("");
  const positional = pos ? (pos.required ? ` ${pos.name}` : ` [${pos.name}]`) : "";
  const synopses = [`${spec.name}${positional}${required}`];
  if (pos?.unless) synopses.push(`${spec.name} --${pos.unless}`);
  const usageLine = `usage: cablegram ${spec.name}${positional} ${Object.entries(spec.options)
    .map(([name, o]) => (o.type === "string" && o.required ? flag(name, o) : `[${flag(name, o)}]`))
    .join(" ")}`.trimEnd();

  const help = () =>
    [
      usageLine,
      `${spec.summary}`,
      "",
      ...columns([
        ...(pos ? [[pos.name, pos.help] as [string, string]] : []),
        ...Object.entries(options).map(
          ([name, o]) =>
            [`${o.short ? `-${o.short}, ` : ""}${flag(name, o)}`, optionHelp(o)] as [
              string,
              string,
            ],
        ),
      ]),
      ...(spec.notes ?? []),
    ].join("\n");

  const fail = (message: string) => {
    process.stderr.write(`cablegram ${spec.name}: ${message}\n${usageLine}\n`);
    return 2;
  };

  const main = async (args: string[]): Promise<number> => {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args,
        options: Object.fromEntries(
          Object.entries(options).map(([name, o]) => [
            name,
            {
              type: o.type === "boolean" ? "boolean" : "string",
              ...(o.short ? { short: o.short } : {}),
            } as const,
          ]),
        ),
        allowPositionals: pos !== undefined,
        strict: true,
      });
    } catch (err) {
      return fail(errorMessage(err));
    }
    if (parsed.values.help) {
      process.stdout.write(`${help()}\n`);
      return 0;
    }
    const values: Record<string, unknown> = {};
    try {
      for (const [name, o] of Object.entries(spec.options)) {
        const raw = parsed.values[name] ?? (o.type === "boolean" ? undefined : o.default);
        values[name] = checkValue(name, o, raw);
      }
    } catch (err) {
      return fail(errorMessage(err));
    }
    if (pos?.required && parsed.positionals.length === 0 && !(pos.unless && values[pos.unless])) {
      return fail(`missing ${pos.name}`);
    }
    try {
      return await spec.run(values as Values<O>, parsed.positionals);
    } catch (err) {
      if (err instanceof UsageError) return fail(err.message);
      throw err;
    }
  };

  return { name: spec.name, summary: spec.summary, synopses, help, main };
}
