/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Handlers throw a ProblemError
 * for anything the client got wrong; the app turns it into a 4xx answer (JSON for the API and
 * `?format=json`, an HTML page otherwise), so bad input never surfaces as a 5xx.
 */

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request parameter at fault, when there is one. */
  param?: string;
  /** 0-based position of a query syntax error in `q`. */
  position?: number;
  /** Extra members (e.g. the cables citing an id that is not in the archive). */
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  404: "Not found",
  405: "Method not allowed",
  414: "URI too long",
  431: "Request header fields too large",
  500: "Internal error",
};

export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(status: number, detail: string, extra: Partial<Problem> = {}) {
    super(detail);
    this.name = "ProblemError";
    this.problem = {
      type: extra.type ?? "about:blank",
      title: extra.title ?? TITLES[status] ?? "Error",
      status,
      detail,
      ...extra,
    };
  }
}

export const PROBLEM_TYPE = "application/problem+json";

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { "content-type": PROBLEM_TYPE, ...headers },
  });
}

export function badRequest(detail: string, extra: Partial<Problem> = {}): ProblemError {
  return new ProblemError(400, detail, extra);
}

export function notFound(detail: string, extra: Partial<Problem> = {}): ProblemError {
  return new ProblemError(404, detail, extra);
}
