/**
 * `cablegram entities QUERY`: people, organisations and places of the archive found by name (or
 * by id, which prints the entity with its forms, roles, posts and cables), and the people section
 * of `cablegram show`. The terminal is local mode: protected mentions are shown, and marked.
 */

import { archiveTarget } from "../archive/archive.js";
import type { Cable } from "../model/cable.js";
import { ENTITY_TYPES } from "../store/entities-input.js";
import { type EntityDetail, looksLikeEntityId } from "../store/entities-read.js";
import { defineCommand } from "./command.js";
import { rebuildEntities } from "./entities-rebuild.js";
import { Output, withOpened } from "./io.js";
import { dbOption, dbReadOption } from "./options.js";
import { openReadArchive } from "./search.js";

/** The people of a cable, for `cablegram show`: name, other forms, roles, paragraphs. */
export function formatPeople(c: Cable): string {
  const persons = c.persons ?? [];
  if (persons.length === 0) return "";
  const lines = persons.map((p) => {
    const forms = p.variants.length ? ` (${p.variants.join(", ")})` : "";
    const roles = p.roles.length ? ` — ${p.roles.join(", ")}` : "";
    const where = p.paragraphs.map((n) => (n === 0 ? "header" : `¶${n}`)).join(" ");
    const flag = p.protected ? "  [PROTECTED]" : "";
    return `  ${p.name}${forms}${roles}  ${where}${flag}\n`;
  });
  return `\nPeople (${persons.length})\n${lines.join("")}`;
}

function years(d: EntityDetail): string {
  const a = d.firstCreated?.slice(0, 4) ?? "";
  const b = d.lastCreated?.slice(0, 4) ?? "";
  return a === b ? a : `${a}–${b}`;
}

function formatDetail(d: EntityDetail): string {
  const out: string[] = [`${d.name}  (${d.type}, ${d.id})  ${d.cables} cables ${years(d)}\n`];
  out.push(`Forms: ${d.forms.map((f) => `${f.form} (${f.cables})`).join(", ")}\n`);
  for (const r of d.roles) {
    const span = `${r.from?.slice(0, 7) ?? ""}..${r.to?.slice(0, 7) ?? ""}`;
    out.push(`Role:  ${r.role}  ${span}  ${r.stations.join(", ")}  (${r.cables} cables)\n`);
  }
  if (d.posts.length) {
    out.push(`Posts: ${d.posts.map((p) => `${p.station} (${p.cables})`).join(", ")}\n`);
  }
  out.push(`Evidence: ${d.evidence.map((e) => `${e.link} (${e.cables})`).join(", ")}\n`);
  if (d.coPersons.length) {
    out.push(`With:  ${d.coPersons.map((p) => `${p.name} (${p.cables})`).join(", ")}\n`);
  }
  out.push("\n");
  for (const c of d.cableList) {
    const flag = c.protected ? "  [withheld in public]" : "";
    out.push(
      `  ${c.referenceId.padEnd(22)}${(c.created ?? "").slice(0, 10).padEnd(12)}${c.subject ?? ""}${flag}\n`,
    );
  }
  return out.join("");
}

export const entitiesCommand = defineCommand({
  name: "entities",
  summary:
    "people, organisations and places by name (last word a prefix) or by id (`person-mark-asquino`: forms, roles, posts, cables)",
  positionals: {
    name: "QUERY",
    help: "words of a name (`asq`, `mark asquino`), or an entity id to print that entity",
    required: false,
  },
  options: {
    type: {
      type: "string",
      arg: "T",
      choices: ENTITY_TYPES,
      help: "only persons, organisations (org) or places",
    },
    limit: { type: "integer", arg: "N", default: 20, min: 1, max: 10000, help: "entities listed" },
    json: { type: "boolean", help: "JSON instead of text" },
    rebuild: {
      type: "boolean",
      help: "instead of a query: resolve pending mentions and build pending entity summaries (what `stats` and entity pages ask for); on PostgreSQL, resolve every mention again",
    },
    db: dbOption,
    "db-read": dbReadOption,
  },
  async run(values, positionals) {
    const q = positionals.join(" ").trim();
    if (values.rebuild) {
      if (q) {
        process.stderr.write("cablegram entities: --rebuild takes no QUERY\n");
        return 2;
      }
      return rebuildEntities(archiveTarget(values.db));
    }
    if (!q) {
      process.stderr.write(
        "cablegram entities: give a QUERY (words of a name, or an id), or --rebuild\n",
      );
      return 2;
    }
    return withOpened(
      "entities",
      () => openReadArchive(values.db, values["db-read"]),
      async (archive) => {
        const o = new Output();
        if (looksLikeEntityId(q)) {
          const d = await archive.entityDetail(q);
          if (!d) {
            process.stderr.write(`cablegram entities: no entity ${q} in ${archive.label}\n`);
            return 1;
          }
          await o.write(values.json ? `${JSON.stringify(d, null, 2)}\n` : formatDetail(d));
        } else {
          const found = await archive.findEntities(q, {
            type: values.type ?? null,
            limit: values.limit,
          });
          if (values.json) await o.write(`${JSON.stringify(found)}\n`);
          else if (found.length === 0)
            process.stderr.write(`cablegram entities: none match '${q}'\n`);
          for (const e of values.json ? [] : found) {
            await o.write(`${e.id.padEnd(40)}${String(e.cables).padStart(6)}  ${e.name}\n`);
          }
        }
        await o.flush();
        return 0;
      },
    );
  },
});
