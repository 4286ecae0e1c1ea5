/**
 * Reads that stop when nobody waits for them any more. `cancelledBy(signal, fn)` runs `fn` in a
 * scope; every statement the pool starts inside it — also inside `sql.begin` transactions — is
 * tied to `signal` with the client's own `.signal()`: a statement still waiting for a connection
 * is never sent, a running one gets a PostgreSQL cancel request, and it rejects with SQLSTATE
 * 57014. A transaction whose statement is cancelled rolls back like any failed one, and its
 * connection goes back to the pool clean.
 *
 * Why a scope rather than a parameter on every read: the server starts some sixty different
 * statements (search, reader, graph, analytics, export) through a dozen modules; a scope covers
 * all of them and every read added later, where a parameter would have to be threaded through
 * each and forgotten in none. The scope is an AsyncLocalStorage, so a read started by a request
 * carries that request's signal across every await, and reads started elsewhere (ingest, the
 * commands) carry none and run as before.
 *
 * Two limits. The client sends no cancel while PostgreSQL still describes a statement (parses it
 * to learn its parameter types, which most of ours need): it drops the statement unsent once the
 * description arrives, so one parse blocked by a lock on its table (DDL) waits for that lock or
 * statement_timeout. And a read shared by concurrent requests runs in the scope of the request that
 * started it: the others read it again when it is cancelled (search/postgres/variants.ts,
 * entities-public.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn`; the statements it starts on a `cancellable` pool are cancelled when `signal` aborts. */
export function cancelledBy<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  // Each running statement listens to the signal until it settles: a page that reads a dozen
  // things at once would pass the default limit of ten listeners and warn about a leak.
  setMaxListeners(0, signal);
  return scope.run(signal, fn);
}

/** What a statement of the `postgres` client offers: tie it to a signal. */
interface Signalled {
  signal(signal: AbortSignal): unknown;
  cancel(): unknown;
}

function tie<T>(made: T): T {
  const signal = scope.getStore();
  const q = made as unknown as Partial<Signalled> | null;
  // Only statements carry `.signal`: `sql(list)` builders and identifiers pass unchanged. A
  // fragment nested in another statement is tied too; it never runs on its own, so its cancel
  // only marks it.
  if (signal && q && typeof q.signal === "function" && typeof q.cancel === "function") {
    q.signal(signal);
  }
  return made;
}

type Fn = (...args: unknown[]) => unknown;

/**
 * `sql` (a pool, or a transaction's scoped `sql`) whose statements follow the current scope's
 * signal. One wrapper per pool, made when it opens: the pool's identity, which public mode and
 * the caches key on, is this wrapper's everywhere.
 */
export function cancellable<S extends object>(sql: S): S {
  return new Proxy(sql, {
    apply: (target, self, args) => tie(Reflect.apply(target as Fn, self, args)),
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      switch (prop) {
        case "unsafe":
        case "file":
          return (...args: unknown[]) => tie((value as Fn)(...args));
        case "begin":
        case "savepoint":
          // The transaction waits for a connection like a statement does; once it has one, its
          // statements are tied through the transaction's own `sql`.
          return (...args: unknown[]) => {
            const last = args.length - 1;
            const body = args[last] as Fn;
            args[last] = (tx: object) => body(cancellable(tx));
            return tie((value as Fn)(...args));
          };
        default:
          return value;
      }
    },
  });
}

/** Whether `err` is PostgreSQL's "canceling statement" (a cancel request or statement_timeout). */
export function isCancelled(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "57014";
}
