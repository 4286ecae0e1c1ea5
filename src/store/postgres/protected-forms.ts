/**
 * Protection across versions in the PostgreSQL writer, as src/store/protected-forms.ts does it in
 * SQLite (rule: src/store/protection-inherit.ts): a batch reads the forms its cables' stored
 * versions protect, marks each new current version with those of the versions before it, records
 * the forms each new version protects, and marks a stored current version with the forms of a new
 * version that does not replace it.
 */
import type { Cable } from "../../model/cable.js";
import { slimCableJson } from "../cable-json.js";
import { inheritProtection, protectedFormsOf } from "../protection-inherit.js";
import type { Sql } from "./connect.js";
import { ENTITY_COLUMNS } from "./entities-copy.js";
import { mentionRows } from "./entities-write.js";
import { cablesByRowid } from "./read.js";

export class BatchProtection {
  private readonly forms = new Map<string, Set<string>>();
  private readonly added: [string, string][] = [];
  /** Stored current versions (cables.id) to mark, with the forms that mark them. */
  private readonly remarks = new Map<number, string[]>();

  static async read(tx: Sql, ids: readonly string[]): Promise<BatchProtection> {
    const p = new BatchProtection();
    for (const id of ids) p.forms.set(id, new Set());
    for (const r of await tx<{ reference_id: string; form: string }[]>`
        SELECT reference_id, form FROM protected_forms WHERE reference_id = ANY(${ids as string[]})`)
      p.forms.get(r.reference_id)?.add(r.form);
    return p;
  }

  /**
   * A new version of `id` written: its own protected forms recorded; returns the forms of the
   * versions before it (which mark it when it is current) and the forms it adds to the cable.
   */
  version(id: string, cable: Cable): { inherited: string[]; added: string[] } {
    const known = this.forms.get(id) ?? new Set<string>();
    this.forms.set(id, known);
    const inherited = [...known];
    const added = protectedFormsOf(cable).filter((f) => !known.has(f));
    for (const f of added) {
      known.add(f);
      this.added.push([id, f]);
    }
    return { inherited, added };
  }

  /** Every form the versions of `id` protect, as the batch knows them (mentionRows marks with them). */
  formsOf(id: string | null): string[] {
    return id ? [...(this.forms.get(id) ?? [])] : [];
  }

  /** A stored current version to mark with `forms` unless the batch replaces it. */
  remark(cableId: number, forms: readonly string[]): void {
    this.remarks.set(cableId, [...(this.remarks.get(cableId) ?? []), ...forms]);
  }

  /** Writes what the batch decided; `replaced`: the stored current versions the batch replaced. */
  async write(tx: Sql, replaced: ReadonlySet<number>): Promise<void> {
    if (this.added.length > 0) {
      await tx`INSERT INTO protected_forms (reference_id, form)
        SELECT * FROM unnest(${this.added.map((a) => a[0])}::text[], ${this.added.map((a) => a[1])}::text[])
        ON CONFLICT DO NOTHING`;
    }
    for (const [cableId, forms] of this.remarks) {
      if (replaced.has(cableId)) continue;
      const [cable] = await cablesByRowid(tx, [cableId]);
      if (!cable || !inheritProtection(cable, forms)) continue;
      // Rewritten unresolved, as the writer writes a new version's mentions.
      await tx`DELETE FROM mentions WHERE cable_id = ${cableId}`;
      const columns = ENTITY_COLUMNS.mentions!.split(", ");
      const rows = mentionRows(cableId, cable, this.formsOf(cable.referenceId)).map((r) =>
        Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])),
      );
      if (rows.length > 0) await tx`INSERT INTO mentions ${tx(rows, columns)}`;
      await tx`UPDATE cables SET cable_json = ${slimCableJson(cable)} WHERE id = ${cableId}`;
    }
  }
}
