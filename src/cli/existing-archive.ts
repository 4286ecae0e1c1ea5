import type { Db } from "../store/db.js";
import { withOpened } from "./io.js";
import { openExistingArchive } from "./search.js";

/**
 * Runs `work` on the SQLite archive at `path`, for the commands that rewrite what an archive holds
 * (`entities --rebuild` on SQLite, `reextract`): a PostgreSQL URL (named without its password) or
 * a missing file is `cablegram COMMAND: why`, exit 1, and no empty archive is made in its place.
 */
export function withExistingArchive(
  command: string,
  path: string,
  work: (db: Db) => Promise<number>,
): Promise<number> {
  return withOpened(command, () => openExistingArchive(path), work);
}
