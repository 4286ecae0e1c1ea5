/** Options several commands share, declared once so their help and checks agree. */
import { DEFAULT_ARCHIVE } from "../store/db.js";
import type { StringOption } from "./command.js";

export const dbOption = {
  type: "string",
  arg: "PATH",
  default: DEFAULT_ARCHIVE,
  help: "archive",
} as const satisfies StringOption;

/**
 * Where the read commands read (`search`, `show`, `stats`, `export`): a PostgreSQL server holding
 * the same archive as `--db`, usually a streaming replica, so queries leave the primary to ingest.
 */
export const dbReadOption = {
  type: "string",
  arg: "URL",
  help: "read from this PostgreSQL server instead (a streaming replica of the --db archive; or CABLEGRAM_DB_READ)",
} as const satisfies StringOption;
