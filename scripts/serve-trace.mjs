/**
 * `npm run load -- --trace DIR` (scripts/load.ts) preloads this into each server process: it logs
 * what the HTTP server sees of every connection — when it was accepted, when each request on it
 * was read and finished, the status written, when the client ended it — and writes it as
 * DIR/<pid>.json when the process exits. It showed why one saturated process timed out
 * (docs/server-mode.md, "Load tests and figures"): connections waiting seconds to be accepted,
 * not requests lost in the app. Plain JavaScript: it loads before any TypeScript hook.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";

const dir = process.env.CABLEGRAM_TRACE;
if (dir) {
  const t0 = performance.now();
  const now = () => Math.round(performance.now() - t0);
  const connections = [];
  const bySocket = new WeakMap();
  const emit = http.Server.prototype.emit;
  // Wrapping emit sees every server of the process, whoever created it, with no change to it.
  http.Server.prototype.emit = function (event, ...args) {
    if (event === "connection") {
      const socket = args[0];
      const c = { accepted: now(), requests: [], ended: null };
      connections.push(c);
      bySocket.set(socket, c);
      socket.on("end", () => {
        c.ended = now();
      });
    } else if (event === "request") {
      const [req, res] = args;
      const r = { read: now(), finished: null, status: null };
      bySocket.get(req.socket)?.requests.push(r);
      const writeHead = res.writeHead;
      res.writeHead = function (status, ...rest) {
        r.status = status;
        return writeHead.call(this, status, ...rest);
      };
      res.on("finish", () => {
        r.finished = now();
      });
    }
    return emit.call(this, event, ...args);
  };
  process.on("exit", () => {
    if (connections.length > 0)
      writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ connections }));
  });
}
