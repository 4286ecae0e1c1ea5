import { READER_NAMES, readSource } from "../formats/index.js";
import { fullYear } from "../model/reference-id.js";
import { parseRecord, parseText } from "../parse/index.js";
import { defineCommand } from "./command.js";
import { errorMessage, Output, stdinLines } from "./io.js";

export const parseCommand = defineCommand({
  name: "parse",
  summary:
    "cables → Cable JSON lines (contract: `docs/contract.md`, schema: `docs/cable.schema.json`)",
  positionals: {
    name: "FILE...",
    help: "cable files of any supported format (- for stdin); one Cable JSON object per cable, per line; unreadable records go to stderr as file:line (byte N): reason, exit code 1",
    required: true,
    unless: "batch",
  },
  options: {
    batch: {
      type: "boolean",
      help: 'JSONL on stdin: {"text": "...", "year": 2007, "referenceId": "07TBILISI1732"}; one Cable per line, or {"error": "..."} for a line that cannot be parsed',
    },
    format: { type: "string", arg: "F", choices: READER_NAMES, help: "force a format" },
    pretty: { type: "boolean", help: "indented JSON for people (not JSONL)" },
  },
  async run(values, positionals) {
    const out = new Output();
    const show = (obj: unknown) =>
      `${values.pretty ? JSON.stringify(obj, null, 2) : JSON.stringify(obj)}\n`;

    if (values.batch) {
      let lineNo = 0;
      for await (const line of stdinLines()) {
        lineNo++;
        await out.write(show(batchLine(line, lineNo)));
      }
      await out.flush();
      return 0;
    }

    let failures = 0;
    for (const file of positionals) {
      try {
        for await (const item of readSource(file, values.format ? { format: values.format } : {})) {
          if (item.kind === "error") {
            failures++;
            process.stderr.write(
              `${item.source.file}:${item.source.line} (byte ${item.source.offset}): ${item.reason}\n`,
            );
            continue;
          }
          try {
            await out.write(show(parseRecord(item)));
          } catch (err) {
            failures++;
            process.stderr.write(
              `${item.source.file}:${item.source.line} (byte ${item.source.offset}): ${errorMessage(err)}\n`,
            );
          }
        }
      } catch (err) {
        failures++;
        process.stderr.write(`${file}: ${errorMessage(err)}\n`);
      }
    }
    await out.flush();
    return failures > 0 ? 1 : 0;
  },
});

/** One batch line → a Cable, or `{error}` naming the line; never throws. */
export function batchLine(line: string, lineNo: number): unknown {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return { error: `line ${lineNo}: not JSON (${errorMessage(err)})` };
  }
  if (
    !input ||
    typeof input !== "object" ||
    typeof (input as { text?: unknown }).text !== "string"
  ) {
    return { error: `line ${lineNo}: expected an object with a string "text"` };
  }
  const { text, year, referenceId } = input as {
    text: string;
    year?: unknown;
    referenceId?: unknown;
  };
  try {
    return parseText(text, {
      year: contextYear(year),
      referenceId: typeof referenceId === "string" && referenceId.trim() ? referenceId : null,
    });
  } catch (err) {
    return { error: `line ${lineNo}: ${errorMessage(err)}` };
  }
}

/** The batch `year`: four digits as the contract says; two-digit years and numeric strings tolerated. */
function contextYear(year: unknown): number | null {
  const n = typeof year === "string" && /^\d{2,4}$/.test(year.trim()) ? Number(year) : year;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) return null;
  if (n < 100) return fullYear(n);
  return n >= 1900 && n <= 2100 ? n : null;
}
