/**
 * Requests take turns: at most one request that reaches the archive starts per turn of the event
 * loop, in the order they arrived.
 *
 * Why: better-sqlite3 is synchronous, and since libuv 1.45 (Node 20) a listening socket accepts
 * one connection per turn of the loop (libuv/libuv#3696). Without turns, one turn reads every
 * connection that has a request and runs them all, so a turn lasts (open connections × one
 * search): 64 keep-alive connections at 251k cables make turns of about a second, and a visitor
 * who opens a new connection waits one turn per connection queued before it in the kernel's
 * accept queue — tens of seconds, while the connections already open are served every turn.
 * Load generators that give up and reconnect only lengthen that queue (docs/server-mode.md,
 * "Load tests and figures"). With one request per turn, the loop polls between searches: new
 * connections are accepted and new requests read within one search's time, and every request
 * waits in one first-come first-served queue.
 *
 * Only a start is paced: a request that awaits (PostgreSQL) does not hold the next one back.
 * Answers that never reach the archive (the response cache, static files, refused requests) are
 * given without a turn and wait for nobody.
 */

/**
 * A function that resolves when the caller's turn comes: in arrival order, one caller per turn
 * of the event loop.
 */
export function takeTurns(): () => Promise<void> {
  const queue: (() => void)[] = [];
  let scheduled = false;
  // Runs in the loop's check phase; one scheduled from here runs after the next poll, which is
  // what lets the loop accept and read between two requests.
  const next = () => {
    scheduled = false;
    const start = queue.shift();
    if (queue.length > 0) {
      scheduled = true;
      setImmediate(next);
    }
    start?.();
  };
  return () =>
    new Promise<void>((resolve) => {
      queue.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
}
