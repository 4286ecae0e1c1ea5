import { afterEach } from "vitest";
import { type Db, openArchive } from "../../src/store/db.js";

/**
 * An opener of archives (in memory unless given a path) for the tests of one file: each is closed
 * after the test that opened it, passed or failed, so no connection outlives its test.
 */
export function archivesPerTest(): (path?: string) => Db {
  let open: Db[] = [];
  afterEach(() => {
    for (const db of open) db.close();
    open = [];
  });
  return (path = ":memory:") => {
    const db = openArchive(path);
    open.push(db);
    return db;
  };
}
