/**
 * autocannon's `setupClient` for `npm run load -- --load-threads N` (scripts/load.ts): each of its
 * worker threads requires this file, and every answer's latency goes to the main thread, which
 * computes p50/p95/p99 from all of them as it does with one thread. autocannon's own merged
 * histogram has no p95, the figure the project reports. CommonJS: autocannon loads it with
 * require() inside the worker.
 */
const { BroadcastChannel } = require("node:worker_threads");

const CHANNEL = "cablegram-load-latency";
const channel = new BroadcastChannel(CHANNEL);
// The channel must not keep a worker alive once autocannon is done with it.
channel.unref();
let batch = [];

function flush() {
  if (batch.length === 0) return;
  channel.postMessage(batch);
  batch = [];
}

module.exports = (client) => {
  client.on("response", (_status, _bytes, ms) => {
    batch.push(ms);
    if (batch.length >= 256) flush();
  });
  // Emitted when autocannon stops the connection at the end of the run.
  client.on("done", flush);
};
module.exports.CHANNEL = CHANNEL;
