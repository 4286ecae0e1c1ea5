import type { EntityType } from "./entities-input.js";
import { fold } from "./entity-names.js";

/** What resolution knows of one mention (entities-rows.ts reads it; entities-rule.ts decides). */
export interface MentionFacts {
  type: EntityType;
  name: string;
  variants: readonly string[];
  roles: readonly string[];
  station: string | null;
  year: number | null;
  /** The cable's date (ISO 8601), when known: an office holder is looked up by day. */
  date?: string | null;
  /** The mention is the cable's signature (see signedBy). */
  signed?: boolean;
  /** The cable marks the person as US Government staff (Classified-By, signature, US titles). */
  usOfficial?: boolean;
  /**
   * The cable protects the person here: the mention is placed like any other, but an entity is
   * named by its open mentions when it has any (entities-open-names.ts).
   */
  protected?: boolean;
}

/**
 * Whether a mention is the cable's signature: one of its forms is written as a signer
 * (`signers` as the archive stores them, joined with `; `).
 */
export function signedBy(
  signers: string | null,
  m: Pick<MentionFacts, "name" | "variants">,
): boolean {
  if (!signers) return false;
  const names = new Set(signers.split("; ").map((n) => fold(n).trim()));
  if (names.has(fold(m.name))) return true;
  return m.variants.some((v) => names.has(fold(v)));
}

export interface Placement {
  entityId: string;
  /** Why the mention is in this entity, in words (the evidence the entity page shows). */
  link: string;
}
