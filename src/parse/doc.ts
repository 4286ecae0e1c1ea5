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
  };
}
