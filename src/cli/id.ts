import { parseArgs } from "node:util";
import { canonicalId } from "../model/reference-id.js";
import { Output, stdinLines } from "./io.js";

const HELP = `usage: cablegram id --batch        one id per stdin line → canonical id or empty line
       cablegram id ID...           canonical id of each argument`;

export async function runId(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { batch: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const out = new Output();
  const ids = values.batch ? stdinLines() : positionals;
  if (!values.batch && positionals.length === 0) {
    process.stderr.write(`${HELP}\n`);
    return 2;
  }
  for await (const raw of ids) await out.write(`${canonicalId(raw) ?? ""}\n`);
  await out.flush();
  return 0;
}
