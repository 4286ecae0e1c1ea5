import { parentPort } from "node:worker_threads";
import type { ReextractRequest, ReextractResponse } from "./reextract-extract.js";
import { extractEntities } from "./reextract-extract.js";

/** Re-extraction worker entry (node:worker_threads): stored cables in, their entities out. */
const port = parentPort;
if (!port) throw new Error("reextract-worker.js is a worker thread entry, not a program");
port.on("message", (req: ReextractRequest) => {
  const response: ReextractResponse = {
    id: req.id,
    entities: req.cables.map((c) => extractEntities(c)),
  };
  port.postMessage(response);
});
