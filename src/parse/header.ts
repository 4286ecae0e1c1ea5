import type { Recipient } from "../model/cable.js";

// PLACEHOLDER (owner: header helper): the transmission header (FL1-FL9).

export interface HeaderFields {
  transmissionId: string | null;
  precedence: string | null;
  dtg: string | null;
  from: string | null;
  to: Recipient[];
  info: Recipient[];
}

export function parseHeader(_header: string): HeaderFields {
  return { transmissionId: null, precedence: null, dtg: null, from: null, to: [], info: [] };
}
