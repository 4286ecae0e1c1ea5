/**
 * The normalised body every element parser reads. Element parsers are pure functions of a BodyDoc;
 * they add to `warnings` only for repairs or inferences a user should know about.
 */
export interface BodyDoc {
  /** Body after artefact repair: LF line ends, page-break lines and link debris removed. */
  text: string;
  /** Four-digit year of the cable itself (to complete references written without a year). */
  year: number | null;
  /** Canonical id of the cable itself (to drop self-references), when known. */
  referenceId: string | null;
  /**
   * Offsets in `text` where the normaliser cut an old page header out of the middle of a line
   * (see Normalized.pageCuts): the printout's page boundary, where a caption list ends.
   */
  pageCuts: readonly number[];
  warnings: string[];
  /** Slots of `docMemo`: what several parsers derive from the same text, derived once. */
  readonly memo: (MemoEntry | undefined)[];
}

interface MemoEntry {
  text: string;
  value: unknown;
}

export function makeDoc(
  text: string,
  ctx: { year?: number | null; referenceId?: string | null; pageCuts?: readonly number[] } = {},
): BodyDoc {
  return {
    text,
    year: ctx.year ?? null,
    referenceId: ctx.referenceId ?? null,
    pageCuts: ctx.pageCuts ?? [],
    warnings: [],
    memo: [],
  };
}

let slots = 0;

/**
 * `derive` memoised per doc (recomputed if the doc's text was replaced): for results that several
 * element parsers share, such as the caption area's end or the signature.
 *
 * The result lives on the doc, not in a WeakMap keyed by it: V8 clears WeakMap entries only in a
 * full collection, so every record's derived data survived the young-generation collections and
 * was copied into the old generation — that made garbage collection a sixth of the parse time.
 */
export function docMemo<T>(derive: (doc: BodyDoc) => T): (doc: BodyDoc) => T {
  const slot = slots++;
  return (doc) => {
    const hit = doc.memo[slot];
    if (hit !== undefined && hit.text === doc.text) return hit.value as T;
    const value = derive(doc);
    doc.memo[slot] = { text: doc.text, value };
    return value;
  };
}
