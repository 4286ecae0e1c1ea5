import { parseArgs } from "node:util";
import { readSource } from "../formats/index.js";
import type { FormatName } from "../model/cable.js";
import { fullYear } from "../model/reference-id.js";
import { parseRecord, parseText } from "../parse/index.js";
import { errorMessage, Output, stdinLines } from "./io.js";

const FORMATS: FormatName[] = ["csv", "html", "mirror", "scraped", "raw"];

const HELP = `usage: cablegram parse [--format F] [--pretty] FILE...
       cablegram parse --batch [--pretty]
  FILE...     cable files of any supported format (- for stdin); one Cable JSON object per cable,
              per line; unreadable records go to stderr as file:line (byte N): reason, exit code 1
  --batch     JSONL on stdin: {"text": "...", "year": 2007, "referenceId": "07TBILISI1732"};
              one Cable per line, or {"error": "..."} for a line that cannot be parsed
  --format F  force a format: ${FORMATS.join(", ")}
  --pretty    indented JSON for people (not JSONL)`;

function options(args: string[]) {
  return parseArgs({
    args,
    options: {
      batch: { type: "boolean" },
      format: { type: "string" },
      pretty: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
}

export async function runParse(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(args);
  } catch (err) {
    process.stderr.write(`cablegram parse: ${errorMessage(err)}\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const format = values.format as FormatName | undefined;
  if (format && !FORMATS.includes(format)) {
    process.stderr.write(
      `cablegram parse: unknown format '${format}' (one of ${FORMATS.join(", ")})\n`,
    );
    return 2;
  }
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

  if (positionals.length === 0) {
    process.stderr.write(`${HELP}\n`);
    return 2;
  }
  let failures = 0;
  for (const file of positionals) {
    try {
      for await (const item of readSource(file, format ? { format } : {})) {
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
}

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
