/**
 * The SQLite side of protection across versions (src/store/protection-inherit.ts): the forms of
 * the persons each version of a cable protects, kept per reference id in `protected_forms`
 * (migration 016) so they outlive the version that wrote them, and the current version's persons
 * marked from them. Public mode masks with them (entities-public.ts) and the writer and
 * `cablegram reextract` mark the current version's mentions with them, so the entity pages,
 * counts and searches leave the cable out as if its current version carried the marker.
 */
import type { Cable } from "../model/cable.js";
import { slimCableJson } from "./cable-json.js";
import { type Db, perConnection } from "./db.js";
import { insertMentions } from "./entities-write.js";
import { inheritProtection, protectedFormsOf } from "./protection-inherit.js";

const stmts = perConnection((db: Db) => ({
  forms: db
    .prepare<[string], string>("SELECT form FROM protected_forms WHERE reference_id = ?")
    .pluck(),
  add: db.prepare("INSERT OR IGNORE INTO protected_forms (reference_id, form) VALUES (?, ?)"),
  clear: db.prepare("DELETE FROM protected_forms WHERE reference_id = ?"),
  olderJson: db
    .prepare<[string], string>(
      "SELECT cable_json FROM versions WHERE reference_id = ? AND cable_json IS NOT NULL",
    )
    .pluck(),
  deleteMentions: db.prepare("DELETE FROM mentions WHERE cable_id = ?"),
  putJson: db.prepare("UPDATE cables SET cable_json = ? WHERE id = ?"),
}));

/** The protected forms recorded for a cable, from every version written so far. */
export function storedProtectedForms(db: Db, referenceId: string): string[] {
  return stmts(db).forms.all(referenceId);
}

/** Records forms as protected in the cable; returns those not recorded before. */
export function addProtectedForms(db: Db, referenceId: string, forms: readonly string[]): string[] {
  const { add } = stmts(db);
  return forms.filter((f) => add.run(referenceId, f).changes > 0);
}

/**
 * The protected forms of a cable's versions that are no longer current, as their stored JSON
 * gives them (`cablegram reextract` replaces the current version's own with its new extraction).
 */
export function olderProtectedForms(db: Db, referenceId: string): string[] {
  const out = new Set<string>();
  for (const json of stmts(db).olderJson.all(referenceId)) {
    for (const f of protectedFormsOf(JSON.parse(json) as Cable)) out.add(f);
  }
  return [...out];
}

/**
 * The current version extracted again (`cablegram reextract`): marked with what its older versions
 * protect, and the cable's forms recorded anew from them and from it, so forms only an older
 * extraction of this version protected go with that extraction.
 */
export function reextracted(db: Db, referenceId: string, current: Cable): void {
  const older = olderProtectedForms(db, referenceId);
  inheritProtection(current, older);
  stmts(db).clear.run(referenceId);
  addProtectedForms(db, referenceId, [...older, ...protectedFormsOf(current)]);
}

/**
 * The stored current version (`cables.id` rowid) marked with forms another version protects: its
 * mentions rewritten (unresolved, as a new version's are: resolution places them again and the
 * summary journal sees them go and come) and its JSON with them. Returns whether it changed.
 */
export function remarkCurrent(db: Db, cableId: number, current: Cable, forms: readonly string[]) {
  if (!inheritProtection(current, forms)) return false;
  const s = stmts(db);
  s.deleteMentions.run(cableId);
  insertMentions(db, cableId, current);
  s.putJson.run(slimCableJson(current), cableId);
  return true;
}
