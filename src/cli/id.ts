import { canonicalId } from "../model/reference-id.js";
import { defineCommand } from "./command.js";
import { Output, stdinLines } from "./io.js";

export const idCommand = defineCommand({
  name: "id",
  summary: "reference ids as written anywhere → canonical ids (empty line when not a cable id)",
  positionals: {
    name: "ID...",
    help: "canonical id of each argument",
    required: true,
    unless: "batch",
  },
  options: {
    batch: { type: "boolean", help: "one id per stdin line → canonical id or empty line" },
  },
  async run(values, positionals) {
    const out = new Output();
    const ids = values.batch ? stdinLines() : positionals;
    for await (const raw of ids) await out.write(`${canonicalId(raw) ?? ""}\n`);
    await out.flush();
    return 0;
  },
});
