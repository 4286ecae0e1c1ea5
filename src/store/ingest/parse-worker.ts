import { parentPort, workerData } from "node:worker_threads";
import { prepareItem } from "./prepare.js";
import { INDEX, type ParseRequest, type ParseResponse, TASK, TICK } from "./worker-protocol.js";

/**
 * Parse worker entry (node:worker_threads): batches of read items in, prepared cables out. Before
 * each record it publishes which record it is on, so that when a parser bug hangs or crashes the
 * thread, the pool knows which record to blame.
 */

const port = parentPort;
if (!port) throw new Error("parse-worker.js is a worker thread entry, not a program");
const progress = new Int32Array(workerData as SharedArrayBuffer);
port.on("message", (req: ParseRequest) => {
  const results = req.items.map((item, i) => {
    Atomics.store(progress, TASK, req.id);
    Atomics.store(progress, INDEX, i);
    Atomics.add(progress, TICK, 1);
    return prepareItem(item);
  });
  const response: ParseResponse = { id: req.id, results };
  port.postMessage(response);
});
