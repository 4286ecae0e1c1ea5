import { createHash } from "node:crypto";
import type { RawRecord } from "../formats/record.js";

/**
 * Identity of a record as read, before parsing: its metadata and its text. It does not depend on
 * the parser, so re-ingesting the same files after a parser upgrade finds every version unchanged.
 * The release date is left out: it says when a container was published, not what the cable says,
 * so a WikiLeaks page and its text-mirror copy (which has no release date) are one version.
 * Header and body are joined without a separator because text-mirror files glue what an HTML page
 * keeps in two blocks. Copies that differ only in whitespace differ here; the parsed content hash
 * (cable-json.ts) is what recognises them as one version.
 */
export function textHash(rec: RawRecord): string {
  const h = createHash("sha1");
  const meta = rec.metadata;
  for (const key of Object.keys(meta).sort()) {
    const value = meta[key as keyof typeof meta];
    if (value === undefined || key === "released") continue;
    h.update(key).update("\u0000").update(JSON.stringify(value)).update("\u0000");
  }
  h.update("\u0001");
  if (rec.header) h.update(rec.header);
  return h.update(rec.body).digest("hex");
}
