import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityCable as cable, person } from "../../test/store/entity-cables.js";
import { openArchive } from "../store/db.js";
import { resolveEntities } from "../store/entities-resolve.js";
import { writeCable } from "../store/write.js";
import { startServer } from "./start.js";
import { pendingResolutionWarning } from "./summaries.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-resolution-warning-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A resolved archive whose persons a cable protects, changed by `change` after resolution. */
function archive(name: string, change = ""): string {
  const path = join(dir, name);
  const db = openArchive(path);
  writeCable(
    db,
    cable("07TRIPOLI1053", "2007-12-18T08:08:00Z", {
      persons: [person("Richard Weeks", { protected: true })],
    }),
  );
  writeCable(db, cable("09TRIPOLI9004", "2009-03-02T09:15:00Z", { persons: [person("R. Weeks")] }));
  resolveEntities(db);
  db.exec(change);
  db.close();
  return path;
}

function warningOf(path: string): string | null {
  const db = openArchive(path, { readonly: true });
  try {
    return pendingResolutionWarning(db, path);
  } finally {
    db.close();
  }
}

describe("a server over entities this build has not resolved", () => {
  it("says nothing over a current archive", () => {
    expect(warningOf(archive("current.db"))).toBeNull();
  });

  it("names the migrations a read-only opening did not apply", () => {
    const path = archive(
      "old.db",
      "DELETE FROM schema_migrations WHERE name = '017-entity-open-names.sql'",
    );
    expect(warningOf(path)).toMatch(
      /lacks migrations 017-entity-open-names\.sql: .*protecting cable.*entities --rebuild/,
    );
  });

  it("says a resolution is pending, in a public server's log", async () => {
    const path = archive("pending.db", "INSERT INTO entity_dirty (type) VALUES ('*')");
    const lines: string[] = [];
    const server = await startServer({
      db: path,
      public: true,
      port: 0,
      host: "127.0.0.1",
      log: (l) => lines.push(l),
    });
    try {
      expect(lines.join("\n")).toMatch(/entity resolution is pending: .*entities --rebuild/);
    } finally {
      await server.close();
    }
    // The rebuild's resolution clears it.
    const db = openArchive(path);
    resolveEntities(db);
    db.close();
    expect(warningOf(path)).toBeNull();
  });
});
