/**
 * A small archive for search and graph tests: ten real cables (test/fixtures/search/cables.json,
 * text shortened) written with the store's own writeCable. Tripoli cables of 2008-09 cite each
 * other, some cited cables are absent, one cable carries STRICTLY PROTECT, one is partial.
 */
import { readFileSync } from "node:fs";
import { type Cable, emptyCable } from "../../src/model/cable.js";
import { splitId } from "../../src/model/reference-id.js";
import { type Db, openArchive } from "../../src/store/db.js";
import { writeCable } from "../../src/store/write.js";

export function fixtureCables(): Cable[] {
  const raw = JSON.parse(
    readFileSync(new URL("../fixtures/search/cables.json", import.meta.url), "utf8"),
  ) as Partial<Cable>[];
  return raw.map((c) => {
    const cable: Cable = { ...emptyCable(), ...c };
    Object.assign(cable, splitId(cable.referenceId ?? ""));
    if (!cable.body) {
      const paras = cable.paragraphs.map(
        (p) => `${p.number}. ${p.marking ? `(${p.marking}) ` : ""}${p.text}`,
      );
      cable.body = [`SUBJECT: ${cable.subject ?? ""}`, ...paras, cable.signers.join(" ")].join(
        "\n\n",
      );
    }
    return cable;
  });
}

export function fixtureArchive(path = ":memory:"): Db {
  const db = openArchive(path);
  db.transaction(() => {
    for (const c of fixtureCables()) writeCable(db, c, { ingestedAt: "2026-01-01T00:00:00Z" });
  })();
  return db;
}
