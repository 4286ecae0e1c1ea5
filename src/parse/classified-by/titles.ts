/**
 * Words that make up positions and offices on "Classified By" lines (spec §4.7: the title list is
 * open-ended), and a tolerant test for them: drafters misspell titles (`Ambassaor`, `Ambasasdor`,
 * `Counselr`, `Direcotr`, `Affiars`) and old copies print the digit 0 for the letter O
 * (`AMBASSAD0R`).
 */
import { boundedEditDistance } from "../../reference/edit-distance.js";

const TITLE_WORDS = `
ambassador ambassadors amb ambassador-at-large at-large charge chargé daffaires affaires
affairs affaire affairs ai cda cdm dcm adcm deputy chief chiefs mission missions acting principal
officer officers office off counselor counsellor councilor councillor counselour counsel couns
minister minister-counselor minister-counsellor mincouns mc m-c consul consul-general general cg
dcg vice director directors dir assistant secretary secretary-general das pdas dasd ddas special
representative rep envoy advisor adviser senior legal attache defense military naval army ltc col
colonel lt ltcol major gen admiral adm capt captain cdr commander head section team leader prt
member delegate delegation usdel permanent alternate coordinator coordinator chairman chair
chairperson president vice-president ait labor labour public pao diplomacy management mgmt rso
arso regional security commercial agricultural agriculture science environment esth refugee
refcoord consular conoff econoff poloff polecon econpol pol econ ecpo polc econc ecmin econmin
ecopol econcouns polcouns polmincouns polmin polmil pol-mil pm mil political economic economical
economics political-military political-economic politico-military com embassy consulate post usun
useu usnato usosce usoecd unvie department dept state dos bureau af eur nea sca ea eap wha isn io
prm inl drl oes inr nsc usaid aid treasury financial trade energy narcotics nas legat odc osc dao
exec executive staff operations ops program interim temporary first second third inspector
spokesman spokesperson press information cultural education health technology law enforcement
multilateral unit division branch group task force center interagency classified classification
guide message this by attach attaché chargé-d'affaires affairs-political polecon-chief econ-chief
pol-econ econ-pol e-p p-e pe ep polmilcouns dep dpty asst sec secy min cons amb-designate designate
est estoff esthoff pmc emin perm permrep coun
`;

const SET: ReadonlySet<string> = new Set(TITLE_WORDS.split(/\s+/).filter(Boolean));
const LONG: string[] = [...SET].filter((w) => w.length >= 6);
const SHORT: string[] = [...SET].filter((w) => w.length === 5 || w.length === 6);

/** Lower-cased, `0` read as `o`, dots/apostrophes/parentheses dropped: `D'AFFAIRES` → `daffaires`. */
export function foldTitle(token: string): string {
  return token
    .toLowerCase()
    .replace(/0/g, "o")
    .replace(/[.'’`()]/g, "")
    .replace(/\//g, "-");
}

/** Exactly a title word (no spelling tolerance): safe to apply to a surname position. */
/**
 * Verdicts per token as written, for both tests below: the same few hundred words (`AMBASSADOR`,
 * `Charge`, names, misspellings) recur in every Classified By line, and folding plus the compound
 * and typo searches cost far more than a lookup. Only short tokens are keys: V8 copies substrings
 * under 13 characters, while a longer key would be a slice keeping its whole cable alive.
 */
const EXACT = 1;
const FUZZY = 2;
const verdicts = new Map<string, number>();
const CACHE_MAX = 20_000;
const CACHE_TOKEN = 12;

function verdictsOf(token: string): number {
  const cacheable = token.length <= CACHE_TOKEN;
  const known = cacheable ? verdicts.get(token) : undefined;
  if (known !== undefined) return known;
  const w = foldTitle(token);
  const exact = SET.has(w);
  const fuzzy =
    exact || isCompound(w) || (w.length >= 6 ? nearTitle(w) : w.length >= 4 && lostLetter(w));
  const verdict = (exact ? EXACT : 0) | (fuzzy ? FUZZY : 0);
  if (cacheable) {
    if (verdicts.size >= CACHE_MAX) verdicts.clear();
    verdicts.set(token, verdict);
  }
  return verdict;
}

export function isTitleWordExact(token: string): boolean {
  return (verdictsOf(token) & EXACT) !== 0;
}

/**
 * A title word, allowing one typo in words of 6-7 letters and two in longer ones, and the compounds
 * drafters write (`PolMC`, `EconMinCouns`, `DepPolCouns`, `POLCHIEF`).
 */
export function isTitleWord(token: string): boolean {
  return (verdictsOf(token) & FUZZY) !== 0;
}

/** `w` splits into two or more title words of at least two letters each. */
function isCompound(w: string): boolean {
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return false;
  // ok[i]: the first i letters split into title words; parts[i]: how many words that took.
  const parts = new Array<number>(w.length + 1).fill(-1);
  parts[0] = 0;
  for (let i = 2; i <= w.length; i++) {
    for (let j = i - 2; j >= 0; j--) {
      const p = parts[j] ?? -1;
      if (p >= 0 && SET.has(w.slice(j, i))) {
        parts[i] = Math.max(parts[i] ?? -1, p + 1);
      }
    }
  }
  return (parts[w.length] ?? -1) >= 2;
}

function nearTitle(w: string): boolean {
  if (garbled(w)) return true;
  const budget = w.length >= 8 ? 2 : 1;
  for (const t of LONG) {
    // A typo rarely hits both of the first two letters: a cheap filter before the distance.
    // (or a letter added or lost in front: `MCOUNSELOR`).
    if (Math.abs(t.length - w.length) > budget) continue;
    if (t[0] !== w[0] && t[1] !== w[1] && t[0] !== w[1] && t[1] !== w[0]) continue;
    if (boundedEditDistance(w, t, budget) <= budget) return true;
  }
  return false;
}

/**
 * Damaged copies print `Q` for the one to three characters they lost (`QJQBOUTI` for `DJIBOUTI`,
 * `CooQnator` for `Coordinator`): a word with such a `q` (not `qu`) matches a title with any one
 * to three letters in its place.
 */
function garbled(w: string): boolean {
  if (!/q(?!u)/.test(w) || w.length < 5) return false;
  const pattern = new RegExp(`^${w.replace(/[^a-z]/g, "").replace(/q(?!u)/g, "[a-z]{1,3}")}$`);
  return LONG.some((t) => pattern.test(t));
}

/**
 * A short title with one letter lost (`CIEF` for `chief`, `CONSL` for `consul`), same first and
 * last letter: short words are names too often for any other typo to be read as a title.
 */
function lostLetter(w: string): boolean {
  for (const t of SHORT) {
    if (t.length !== w.length + 1 || t[0] !== w[0] || t.at(-1) !== w.at(-1)) continue;
    for (let i = 0; i < t.length; i++) {
      if (t.slice(0, i) + t.slice(i + 1) === w) return true;
    }
  }
  return false;
}

/** Offices that open a segment naming where the classifier works, not who (`Embassy Tripoli`). */
const OFFICE_START = new Set([
  "embassy",
  "consulate",
  "mission",
  "department",
  "dept",
  "bureau",
  "office",
  "post",
  "us",
  "usg",
  "american",
  "usun",
  "useu",
  "usnato",
  "state",
]);

export function opensOfficeSegment(token: string): boolean {
  return OFFICE_START.has(foldTitle(token).replace(/-/g, ""));
}
