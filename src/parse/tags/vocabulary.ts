/**
 * TAGS written outside the code lists (spec §4.4, §7): free-text pseudo-tags and personal TAGS
 * that drafters wrote on TAGS lines, as observed in Cablegate TAGS lines (the spec's examples, the
 * project corpus, and the fix table of cablemap, a factual list of such TAGS). Phrases tell where
 * one free-text TAG ends and the next begins when a line runs several together
 * (`ITALY NATIONAL ELECTIONS ITALIAN POLITICS IRAQI FREEDOM`); persons give the canonical
 * `SURNAME, GIVEN` form of names written without the comma (`OVIP STEINBERG JAMES`).
 */

/** Free-text TAGS kept whole; the value is the canonical spelling. */
export const FREE_TEXT_TAGS: Record<string, string> = {
  "COUNTER TERRORISM": "COUNTERTERRORISM",
  "CONSULAR AFFAIRS": "CONSULAR AFFAIRS",
  "COUNTRY CLEARANCE": "COUNTRY CLEARANCE",
  "DOMESTIC POLITICS": "DOMESTIC POLITICS",
  "ECONOMIC AFFAIRS": "ECONOMIC AFFAIRS",
  "ECONOMY AND FINANCE": "ECONOMY AND FINANCE",
  "FOREIGN POL": "FOREIGN POL",
  "GAZA DISENGAGEMENT": "GAZA DISENGAGEMENT",
  "GLOBAL DEFENSE": "GLOBAL DEFENSE",
  "GOI EXTERNAL": "GOI EXTERNAL",
  "GOI INTERNAL": "GOI INTERNAL",
  "HUMAN RIGHTS": "HUMAN RIGHTS",
  "IRAQI FREEDOM": "IRAQI FREEDOM",
  "ISRAEL RELATIONS": "ISRAEL RELATIONS",
  "ISRAELI PALESTINIAN AFFAIRS": "ISRAELI PALESTINIAN AFFAIRS",
  "ITALIAN POLITICS": "ITALIAN POLITICS",
  "ITALY NATIONAL ELECTIONS": "ITALY NATIONAL ELECTIONS",
  "MEDIA REACTION": "MEDIA REACTION",
  "MEDIA REACTION REPORT": "MEDIA REACTION REPORT",
  "MEETINGS WITH AMBASSADOR": "MEETINGS WITH AMBASSADOR",
  "MILITARY RELATIONS": "MILITARY RELATIONS",
  "NEW ZEALAND": "NEW ZEALAND",
  "POLITICAL PARTIES": "POLITICAL PARTIES",
  "POLITICS FOREIGN POLICY": "POLITICS FOREIGN POLICY",
  "TIP IN TURKEY": "TIP IN TURKEY",
  "USEU BRUSSELS": "USEU BRUSSELS",
};

/** Personal TAGS as the Department wrote them in full (`OVIP (STEINBERG, JAMES B.)`). */
export const PERSON_TAGS = [
  "BIDEN, JOSEPH",
  "BUSH, GEORGE W.",
  "CARSON, JOHNNIE",
  "CLINTON, HILLARY",
  "CROS, GERARD",
  "JIMENEZ, GASPAR",
  "NOVO, GUILLERMO",
  "REMON, PEDRO",
  "RICE, CONDOLEEZZA",
  "ROOD, JOHN",
  "STEINBERG, JAMES B.",
  "ZOELLICK, ROBERT",
];

/**
 * Section symbols some posts wrote as TAGS (`POL`, `MIL`, also glued: `POLMIL`); in the project
 * corpus POL occurs on 16 TAGS lines and MIL on 13.
 */
export const SECTION_SYMBOLS = ["POL", "MIL"];

/**
 * ISO codes written where the FIPS code was meant. Only codes seen used this way are listed: ISO and
 * FIPS disagree for dozens of countries (SR is Suriname in ISO but was the Department's Serbia TAG),
 * so a general ISO→FIPS mapping would corrupt correct TAGS. RU: 82 TAGS lines of the corpus.
 */
export const ISO_FOR_FIPS: Record<string, string> = {
  RU: "RS",
  SYR: "SY",
};
