import { parentPort, workerData } from "node:worker_threads";
import { prepareItem, prepareItems } from "./prepare.js";
import { INDEX, type ParseRequest, type ParseResponse, TASK, TICK } from "./worker-protocol.js";

/**
 * Parse worker entry (node:worker_threads): batches of read items in, prepared cables out. Before
 * each chunk of records (each record, when asked to go one by one) it publishes where it is, so
 * that when a parser bug hangs or crashes the thread, the pool knows what to retry or blame.
 */

const port = parentPort;
if (!port) throw new Error("parse-worker.js is a worker thread entry, not a program");
const progress = new Int32Array(workerData as SharedArrayBuffer);
port.on("message", (req: ParseRequest) => {
  const at = (index: number) => {
    Atomics.store(progress, TASK, req.id);
    Atomics.store(progress, INDEX, index);
    Atomics.add(progress, TICK, 1);
  };
  const results = req.oneByOne
    ? req.items.map((item, i) => {
        at(i);
        return prepareItem(item);
      })
    : prepareItems(req.items, at);
  const response: ParseResponse = { id: req.id, results };
  port.postMessage(response);
});
