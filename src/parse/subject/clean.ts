/**
 * Turns the raw text collected after a SUBJECT label into the contract's one-line subject: entities
 * decoded, backslashes (CSV escape debris) dropped, wraps joined, the leading portion marking split
 * off and returned, a trailing `(U)`-style marking removed.
 */

import { decodeReferences } from "../../formats/char-references.js";

export interface CleanSubject {
  text: string;
  marking: string | null;
}

/** Portion markings as drafters write them: `(C)`, `(SBU)`, `(C/NF)`, `(S//NF)`, `(C/REL LIBYA)`. */
const MARK_BODY = String.raw`(?:TS|S|C|U|SBU|LOU|FOUO|CUI)(?:\s*(?:\/{1,2}|-)\s*[A-Z][A-Z ,]{0,24}?)?`;
const LEADING_MARK = new RegExp(String.raw`^\(\s*(${MARK_BODY})\s*\)[\s:.-]*`, "i");
const TRAILING_MARK = new RegExp(String.raw`\s*\(\s*${MARK_BODY}\s*\)\s*$`, "i");
/** Page markup printed as text (`SUBJECT:</strong> GENERAL …`, 07TELAVIV3586). */
const MARKUP_TAG = /<\/?(?:strong|b|i|em|u|p|span|font|div)\b[^<>\n]{0,80}>/gi;
/**
 * A dash or underscore rule after a blank ends the subject: the text ran on into the body's rules
 * (`… REMAINS FIRM ------`, `… IN MENDOZA Summary --------`, `… REACTION ---- SUBJECTS COVERED …`),
 * and a `Summary` heading just before the rule goes with it. A rule glued between words
 * (`FRAUD SUMMARY---HERMOSILLO`) and a drafter's ` -- ` stay (issue 8, class 4).
 */
const RULE_RUN_ON = /\s+(?:(?:begin\s+)?summary\s*:?\s*)?[-=_]{3,}(?:\s.*)?$/i;
/** `SUBJECT: (C) SUBJECT: BRIEFING ...` — the drafter typed the label twice. */
const REPEATED_LABEL = /^(?:SUBJECT|SUBJ)\s*:\s*/i;

/**
 * The handling caveat typed on the subject's line (`… SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT
 * ACCORDINGLY`, `… Sensitive but unclassified. Please handle accordingly.`, `ENTIRE TEXT SENSITIVE
 * BUT UNCLASSIFIED/NOFORN`, misspelt `SENSTIVE`): not the subject; what follows it on a run-together
 * line is the body's text. Only after subject text — a subject never opens with it — and only where
 * the phrase ends the line or punctuation or PLEASE follows (`… OF SENSITIVE BUT UNCLASSIFIED
 * INFORMATION` is a subject).
 */
const HANDLING_CAVEAT =
  /[\s.;,-]*\b(?:ENTIRE\s+TEXT\s+(?:IS\s+)?)?SENS?I?TIVE\s+BUT\s+UNCLASSIFIED\b(?=\s*(?:$|[-–—.;,/(]|PLEASE\b|SUMMARY\b)).*$/i;

function dropHandlingCaveat(s: string): string {
  const m = HANDLING_CAVEAT.exec(s);
  return m && m.index > 0 ? s.slice(0, m.index) : s;
}

/** Character references in a subject, case-folded and with plain spaces (subjects are one line). */
function decodeSubjectReferences(s: string): string {
  return decodeReferences(s, { foldCase: true, plainSpace: true }).text;
}

export function cleanSubject(raw: string): CleanSubject | null {
  // `<br>` printed as text (the page's line breaks, in mirror copies' subject lines) is a blank.
  let s = decodeSubjectReferences(raw)
    .replace(/\\/g, "")
    .replace(/<br[ \t]*\/?>|<br?[ \t]*$/gi, " ")
    .replace(MARKUP_TAG, " ");
  // A hyphen glued to a word and followed by a wrap belongs to a compound split at the line end.
  s = s.replace(/(\w)-[ \t]*\n\s*(?=\w)/g, "$1-");
  s = s.replace(/\s+/g, " ").trim();
  s = s.replace(/\bUS- (?=\S)/g, "US-");
  let marking: string | null = null;
  const lead = LEADING_MARK.exec(s);
  if (lead) {
    marking = (lead[1] ?? "").replace(/\s*\/\s*/g, "/").replace(/\s+/g, " ");
    s = s.slice(lead[0].length).replace(REPEATED_LABEL, "");
  }
  s = dropHandlingCaveat(s);
  s = s.replace(RULE_RUN_ON, "");
  s = s.replace(TRAILING_MARK, "").trim();
  return s ? { text: s, marking } : null;
}
