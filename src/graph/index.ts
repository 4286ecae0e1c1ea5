/** The reference graph: cites / cited-by, missing cables with estimated dates, neighbourhoods. */
export { citedBy, cites } from "./cites.js";
export { estimateAccuracy, estimateCreated, interpolateSerial } from "./estimate.js";
export { type MissingOptions, type MissingOrder, missingCables } from "./missing.js";
export { DEFAULT_MAX_NODES, graphNode, MAX_HOPS, neighbourhood } from "./neighbourhood.js";
export type * from "./types.js";
