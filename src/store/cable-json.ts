import { createHash } from "node:crypto";
import type { Cable } from "../model/cable.js";

/**
 * How a Cable is split for storage and put back together. The texts of a cable are stored once,
 * in the columns the search reads (cables.body, subject, summary, comment) and in paragraphs.text;
 * the stored JSON keeps their places empty (`""` for the body and paragraph texts, null for the
 * others). Restoring fills them in place, which gives back the same object and, key for key, the
 * same JSON text.
 */

/** The Cable fields that live in their own columns of `cables`, exactly as in the Cable. */
export interface CableColumns {
  body: string;
  subject: string | null;
  summary: string | null;
  comment: string | null;
}

/**
 * The Cable JSON with its texts left out (see above). The texts are blanked in place and put back
 * (rather than copying the cable) because this runs once per ingested cable.
 */
export function slimCableJson(cable: Cable): string {
  const { body, subject, summary, comment } = cable;
  const texts = cable.paragraphs.map((p) => p.text);
  cable.body = "";
  cable.subject = cable.summary = cable.comment = null;
  for (const p of cable.paragraphs) p.text = "";
  try {
    return JSON.stringify(cable);
  } finally {
    Object.assign(cable, { body, subject, summary, comment });
    cable.paragraphs.forEach((p, i) => {
      p.text = texts[i]!;
    });
  }
}

/** Inverse of slimCableJson: `texts[i]` is the text of paragraph i. */
export function restoreCable(
  slimJson: string,
  columns: CableColumns,
  texts: readonly string[],
): Cable {
  const cable = JSON.parse(slimJson) as Cable;
  cable.body = columns.body;
  cable.subject = columns.subject;
  cable.summary = columns.summary;
  cable.comment = columns.comment;
  cable.paragraphs.forEach((p, i) => {
    p.text = texts[i] ?? "";
  });
  return cable;
}

/**
 * Identity of a parsed cable: what the text says, without what depends on where the copy came
 * from (source, the warnings about repairing that copy, the release date of the container). Two
 * copies of one cable in different formats parse to the same content hash. The element fields
 * (tags, paragraphs, references...) are left out because the parser derives them from the body
 * and the id: hashing the body covers them, at a fraction of the cost of serialising them.
 */
export function contentHash(cable: Cable): string {
  const head = [
    cable.referenceId,
    cable.created,
    cable.classification,
    cable.origin,
    cable.partial,
    cable.subject,
    cable.transmissionId,
    cable.precedence,
    cable.dtg,
    cable.from,
    cable.to,
    cable.info,
  ];
  return createHash("sha1")
    .update(JSON.stringify(head))
    .update("\u0000")
    .update(cable.body)
    .digest("hex");
}
