import type { RawRecord } from "../formats/record.js";
import { type Cable, emptyCable } from "../model/cable.js";
import { splitId } from "../model/reference-id.js";
import { normalizeBody } from "../normalize/index.js";
import { parseBanner } from "./banner.js";
import { parseCaveats } from "./captions.js";
import { parseClassifiedBy } from "./classified-by.js";
import { parseComment } from "./comment.js";
import { parseDeclassification } from "./declassification.js";
import { makeDoc } from "./doc.js";
import { parseHeader } from "./header.js";
import { resolveIdentity } from "./identity.js";
import { parseParagraphs } from "./paragraphs.js";
import { countRedactions, parseProtect } from "./protect.js";
import { parseReferences } from "./references.js";
import { parseSigners } from "./signers.js";
import { splitHeader } from "./split-header.js";
import { parseSubject } from "./subject.js";
import { parseSummary } from "./summary.js";
import { parseTags } from "./tags.js";

export interface ParseContext {
  /** Four-digit year of the cable, when the caller knows it (batch mode). */
  year?: number | null;
  referenceId?: string | null;
}

/**
 * Raw record → Cable. The one place where the element parsers meet: it decides the order (identity
 * first, because references need the cable's year) and merges metadata with what the text says.
 */
export function parseRecord(rec: RawRecord, ctx: ParseContext = {}): Cable {
  const cable = emptyCable();
  cable.source = rec.source;
  const warnings = [...rec.warnings];

  const split = splitHeader(rec.header, rec.body);
  cable.partial = split.partial;
  warnings.push(...split.warnings);

  const norm = normalizeBody(split.body, { format: rec.source.format });
  warnings.push(...norm.warnings);
  cable.body = norm.text;

  const header = split.header ? parseHeader(split.header) : null;
  if (header) {
    cable.transmissionId = header.transmissionId;
    cable.precedence = header.precedence;
    cable.dtg = header.dtg;
    cable.from = header.from;
    cable.to = header.to;
    cable.info = header.info;
  }

  const doc = makeDoc(norm.text);
  const banner = parseBanner(doc);
  cable.declassification = parseDeclassification(doc);

  const identity = resolveIdentity({
    metadata: rec.metadata,
    context: ctx,
    banner,
    dtg: cable.dtg,
    from: cable.from,
    declassification: cable.declassification,
    origin: rec.metadata.origin ?? null,
  });
  warnings.push(...identity.warnings);
  Object.assign(cable, {
    referenceId: identity.referenceId,
    created: identity.created,
    released: identity.released,
    origin: identity.origin,
    classification: identity.classification,
  });
  const parts = identity.referenceId ? splitId(identity.referenceId) : null;
  if (parts) {
    cable.station = parts.station;
    cable.year = parts.year;
    cable.serial = parts.serial;
  }
  doc.year = ctx.year ?? cable.year;
  doc.referenceId = cable.referenceId;

  cable.caveats = parseCaveats(doc, rec.metadata.classification ?? null);
  const tags = parseTags(doc);
  cable.tags = tags.tags;
  cable.tagsAsWritten = tags.asWritten;
  const subject = parseSubject(doc);
  cable.subject = subject?.text ?? identity.fallbackSubject;
  cable.subjectMarking = subject?.marking ?? null;
  cable.references = parseReferences(doc);
  cable.classifiedBy = parseClassifiedBy(doc);
  cable.paragraphs = parseParagraphs(doc);
  cable.summary = parseSummary(doc);
  cable.comment = parseComment(doc);
  cable.signers = parseSigners(doc);
  cable.protect = parseProtect(doc, cable.paragraphs);
  cable.redactions = countRedactions(doc.text);

  cable.warnings = [...warnings, ...doc.warnings];
  return cable;
}

/** A cable or any fragment of one, with optional context: what `parse --batch` feeds. */
export function parseText(text: string, ctx: ParseContext = {}): Cable {
  return parseRecord(
    {
      kind: "record",
      source: { format: "raw", file: "-", offset: 0, line: 1 },
      metadata: ctx.referenceId ? { referenceId: ctx.referenceId } : {},
      header: null,
      body: text,
      warnings: [],
    },
    ctx,
  );
}
