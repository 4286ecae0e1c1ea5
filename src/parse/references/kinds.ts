import type { ReferenceKind } from "../../model/cable.js";

/**
 * The kind of a REF item that cites no cable, from the word that types it: `E-MAIL`, `TELCON`,
 * `MEMCON`, `FAX`, `MEETING`, a web address, `REPORT`/`IIR`/`TD-` (intelligence and other
 * reports), `FAM` (books and manuals), `AIRGRAM`/`CIRCULAR`/`DIP NOTE`/`UNSCR`/`MSG DTG` (other).
 * The word written first decides (`OSD REPORT DTG 251847Z` is a report). An item with no such word
 * (`PARIS POINTS JULY 15`, `EXP.LIC. D328589`) cannot be typed: null.
 */

const KIND_WORDS: [ReferenceKind, RegExp][] = [
  ["email", /\bE[- ]?MAILS?\b|\bEMAILED\b/i],
  ["telcon", /\bTELE?CONS?\b|\bTELEPHONE\b|\bPHONE[ -]?CALLS?\b|\bTELECONFERENCE\b/i],
  ["fax", /\bFAX(?:ES|ED)?\b|\bFACSIMILE\b/i],
  ["memo", /\bMEMO(?:RANDUM|RANDA|S)?\b|\bMEMCONS?\b|\bNON[- ]?PAPERS?\b|\bTALKING POINTS\b/i],
  [
    "meeting",
    /\bMEETINGS?\b|\bMTGS?\b|\bCONVERSATIONS?\b|\bDISCUSSIONS?\b|\bBRIEFINGS?\b|\b[SD]?VTCS?\b|\bDVC\b/i,
  ],
  ["web", /\bHTTPS?:|\bWWW\.|\.(?:COM|GOV|ORG|NET|INT)\b|\bWEB ?(?:SITE|PAGE)S?\b|\bURL\b/i],
  [
    "report",
    /\bREPORTS?\b|\bREPORTING\b|\bRPTS?\b|\bIIRS?\b|\bTDX?-?\d|\b\d{3}\/\d{5,6}-\d{2}\b|\bHOTR|\bUSDAO\b|\bCIA(?:WASH)?\b|\bFBIS?\b|\bINCSR\b|\bOSC\b|\bSITREPS?\b|\bINTSUM\b|\bASSESSMENT\b|\bSTUDY\b|\bSTATISTICS\b|\bDAILY\b|\bWEEKLY\b|\bPOINTS\b/i,
  ],
  ["book", /\bFA[MH]\b|\bCFR\b|\bU\.?S\.?C\.?\b|\b(?:HAND|GUIDE)?BOOK\b|\bMANUAL\b|\bGUIDE\b/i],
  [
    "other",
    /\bAIRGRAMS?\b|\bSECTO\b|\bTOSEC\b|\bA-\d+\b|\bCIRCULARS?\b|\bCIRCTEL\b|\bDIP(?:LOMATIC)? ?NOTES?\b|\bNOTE VERBALE\b|\bLETTERS?\b|\bUNSCR\b|\bRESOLUTIONS?\b|\bMSG\b|\bDTG(?:\b|\d)|\bO[-/]I\b|\bLOR\b|\bDOC(?:UMENT)?S?\b|\bPRESS\b|\bNEWS\w*|\bARTICLE\b|\b[A-Z]?\d{6}Z\b|\bSTATEMENT\b|\bSPEECH\b|\bTESTIMONY\b|\bPRESS RELEASE\b/i,
  ],
];

/** All kinds in one pattern, one group each: the leftmost match is the word written first. */
const ANY_KIND = new RegExp(KIND_WORDS.map(([, re]) => `(${re.source})`).join("|"), "i");

export function referenceKind(text: string): ReferenceKind | null {
  const m = ANY_KIND.exec(text);
  if (!m) return null;
  const group = m.findIndex((g, i) => i > 0 && g !== undefined);
  return KIND_WORDS[group - 1]![0];
}
