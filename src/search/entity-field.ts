/**
 * `person:`, `org:` and `place:`: the cables naming an entity, given by its id
 * (`person:person-mark-asquino`) or by words of any form written for it (`person:asquino`,
 * `person:"Mark Asquino"`, `org:unhc*`): every word must be in one of the entity's forms, the last
 * one as a prefix when written with `*`. A name reaches every cable of the entities it names,
 * including the cables that write only another form (`ASQUINO` for Mark Asquino).
 *
 * In public mode (`open`) only words of forms that open mentions write count: a word only a
 * protecting cable wrote (`person:richard` for the `R. Weeks` it protects as `Richard Weeks`) would
 * otherwise lead from the protected name to the open cables naming the same person. And only open
 * mentions answer: a mention public mode withholds (the protected person's, or a name sharing a
 * word with theirs: src/store/protection-inherit.ts) is absent from its cable there, as the
 * masked text is, so neither `org:consulting` nor the entity's id leads to the protecting cable.
 */
import { fold, nameWords } from "../store/entity-names.js";
import type { NameValue } from "./ast.js";

const HIGH = "\uffff";

/** The query over the archive answering the field: cable rowids, user text only as parameters. */
export interface EntityQuery {
  sql: string;
  params: unknown[];
}

/**
 * `column`: how the query names `mentions.entity_id` (PostgreSQL compares it in the collation of
 * its index, src/search/postgres/compile.ts).
 */
export function entityQuery(
  type: "person" | "org" | "place",
  name: NameValue,
  open = false,
  column = "entity_id",
): EntityQuery {
  const text = name.text.trim();
  // `NOT protected` reads the same on both back ends (an integer in SQLite, a boolean in PostgreSQL).
  const visible = open ? " AND NOT protected" : "";
  if (text.startsWith(`${type}-`) && /^[a-z0-9-]+$/.test(text)) {
    return {
      sql: `SELECT cable_id FROM mentions WHERE ${column} = ?${visible}`,
      params: [text],
    };
  }
  const words = nameWords(text).map((w) => fold(w.replace(/\.$/, "")));
  if (words.length === 0) return { sql: "SELECT 0 WHERE 0", params: [] };
  const params: unknown[] = [];
  const parts = words.map((w, i) => {
    const prefix = name.prefix && i === words.length - 1;
    params.push(w, ...(prefix ? [w + HIGH] : []), `${type}-`, `${type}.`);
    return `SELECT entity_id FROM entity_words WHERE ${
      prefix ? "word >= ? AND word < ?" : "word = ?"
    } AND entity_id >= ? AND entity_id < ?${open ? " AND public" : ""}`;
  });
  return {
    sql: `SELECT cable_id FROM mentions WHERE ${column} IN (${parts.join(" INTERSECT ")})${visible}`,
    params,
  };
}
