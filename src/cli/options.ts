/** Options several commands share, declared once so their help and checks agree. */
import { DEFAULT_ARCHIVE } from "../store/db.js";
import type { StringOption } from "./command.js";

export const dbOption = {
  type: "string",
  arg: "PATH",
  default: DEFAULT_ARCHIVE,
  help: "archive",
} as const satisfies StringOption;
