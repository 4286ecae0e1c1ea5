/**
 * The failed requests of one autocannon run, by kind, for scripts/load.ts. autocannon reports
 * timeouts (also counted among its `errors`), connection errors, answers that are not 2xx (one
 * sum over 1xx, 3xx, 4xx and 5xx; the codes are in `statusCodeStats`) and body mismatches (only
 * with `expectBody`/`verifyBody`). One kind it does not report at all: a connection the server
 * closes cleanly without answering. autocannon reconnects and sends the next request, and the lost
 * one is neither an answer nor an error — a server that dropped every request would show 0 errors
 * and 0 answers. It is found by difference: every request sent is answered, timed out, failed
 * with its connection, or still waiting when the run stops (one per connection: autocannon keeps
 * exactly one request in flight on each, without pipelining).
 */

/** The fields of autocannon's result this reads (scripts/autocannon.d.ts). */
export interface RunCounts {
  requests: { total: number; sent: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface ErrorKinds {
  /** No answer within the timeout. */
  timeouts: number;
  /** The connection failed (refused, reset) with the request on it. */
  connection: number;
  /** The server closed the connection cleanly without answering (autocannon does not count it). */
  closed: number;
  /** Answers that are not 2xx, by status code. */
  non2xx: number;
  statuses: Record<string, number>;
  /** Answers whose body was not the expected one (none unless a body is expected). */
  mismatches: number;
}

export function errorKinds(r: RunCounts, connections: number): ErrorKinds & { total: number } {
  const connection = r.errors - r.timeouts;
  const inFlightAtStop = connections;
  const closed = Math.max(0, r.requests.sent - r.requests.total - r.errors - inFlightAtStop);
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {}))
    if (!code.startsWith("2")) statuses[code] = count;
  const kinds = {
    timeouts: r.timeouts,
    connection,
    closed,
    non2xx: r.non2xx,
    statuses,
    mismatches: r.mismatches,
  };
  // A mismatch is a 2xx answer with an unexpected body, so it is not among non2xx.
  return { ...kinds, total: r.timeouts + connection + closed + r.non2xx + r.mismatches };
}

/** `3 timeouts, 2 closed unanswered, 5 not 2xx (503: 5)`: the kinds that occurred. */
export function describeErrors(k: ErrorKinds): string {
  const codes = Object.entries(k.statuses)
    .map(([code, n]) => `${code}: ${n}`)
    .join(", ");
  return [
    k.timeouts ? `${k.timeouts} timeouts` : "",
    k.connection ? `${k.connection} connection errors` : "",
    k.closed ? `${k.closed} closed unanswered` : "",
    k.non2xx ? `${k.non2xx} not 2xx (${codes})` : "",
    k.mismatches ? `${k.mismatches} body mismatches` : "",
  ]
    .filter(Boolean)
    .join(", ");
}
