import type { Recipient } from "../model/cable.js";
import { parseDtgLine, precedenceOfProsign } from "./header/dtg.js";
import { TRANSMISSION_ID } from "./header/lines.js";
import { parseAddressBlock } from "./header/recipients.js";

/**
 * The transmission header (spec §3): transmission id (FL1), precedence and DTG (FL5), originator
 * (FL6), action and information addressees with exemptions (FL7-FL9). Works on every header form:
 * ACP-127 (`VZCZC...`), ACP-126 (starting at the DTG line), SAS printouts and bare address blocks.
 */

export interface HeaderFields {
  transmissionId: string | null;
  precedence: string | null;
  dtg: string | null;
  from: string | null;
  to: Recipient[];
  info: Recipient[];
}

/** FL2's doubled prosign (`OO RUEHTRO`), the fallback when the DTG line is missing. */
const FL2_PROSIGN = /^[ \t]*([ZOPR])\1[ \t]+R[A-Z]{3,7}/m;

function actionPrecedence(
  header: string,
  dtgPrecedence: string | null,
  to: Recipient[],
): string | null {
  // NIACT travels as O; the contract reports it when the action addressees carry it in words.
  if (to.some((r) => r.precedence === "NIACT IMMEDIATE")) return "NIACT IMMEDIATE";
  if (dtgPrecedence) return dtgPrecedence;
  const fl2 = FL2_PROSIGN.exec(header);
  if (fl2) return precedenceOfProsign(fl2[1]!);
  return to.find((r) => r.precedence)?.precedence ?? null;
}

export function parseHeader(header: string): HeaderFields {
  const text = header.includes("\r") ? header.replace(/\r\n?/g, "\n") : header;
  const dtgLine = parseDtgLine(text);
  const block = parseAddressBlock(text);
  return {
    transmissionId: TRANSMISSION_ID.exec(text)?.[0] ?? null,
    precedence: actionPrecedence(text, dtgLine?.precedence ?? null, block.to),
    dtg: dtgLine?.dtg ?? null,
    from: block.from,
    to: block.to,
    info: block.info,
  };
}
