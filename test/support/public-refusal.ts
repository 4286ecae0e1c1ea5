/**
 * A public server never migrates: it refuses an SQLite archive that lacks a migration public mode
 * needs (src/store/entities-public.ts, publicMigrationsMissing), naming it.
 */
import { expect } from "vitest";
import { startServer } from "../../src/server/start.js";

export async function expectPublicRefusal(path: string, migration: string): Promise<void> {
  await expect(
    startServer({ db: path, public: true, port: 0, host: "127.0.0.1", log: () => {} }),
  ).rejects.toThrow(`lacks migration ${migration}`);
}
