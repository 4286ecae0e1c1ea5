import { describe, expect, it } from "vitest";
import { nameLexicon } from "../../reference/name-lexicon.js";
import { labelUnit } from "./label.js";
import { adjacent, findPersonMentions } from "./mentions.js";
import { tokenize } from "./tokens.js";

/** `adjacent` for the two words of `text`, read as the old pattern read it. */
function pair(text: string): [boolean, boolean] {
  const [a, b] = tokenize(text).filter((t) => t.shape === "cap");
  const gap = text.slice(a!.end, b!.start);
  return [adjacent(text, a!, b!), /^[ \t]*\n?[ \t]*$/.test(gap) && gap.length <= 3];
}

describe("name words stand together", () => {
  it("across at most three spaces, tabs and one line break, as the pattern said", () => {
    for (const gap of [
      " ",
      "  ",
      "   ",
      "    ",
      "\t",
      " \n",
      "\n ",
      "\n",
      "\n\n",
      " \n\n",
      "\r\n",
    ]) {
      const [got, want] = pair(`Mark${gap}Asquino`);
      expect(got, JSON.stringify(gap)).toBe(want);
    }
    expect(pair("Mark \nAsquino")[0]).toBe(true);
    expect(pair("Mark\n\nAsquino")[0]).toBe(false);
    expect(pair("Mark    Asquino")[0]).toBe(false);
  });

  it("a name wrapped once is one mention, a blank line splits it", () => {
    const written = (text: string) =>
      findPersonMentions(labelUnit(text, false), null).map((m) => m.written);
    expect(written("Ambassador Mark\nAsquino said so.")).toEqual(["Mark Asquino"]);
    expect(written("Ambassador Mark\n\nAsquino said so.")).not.toContain("Mark Asquino");
  });
});

describe("what a run of capitalised words is not", () => {
  const written = (text: string) =>
    findPersonMentions(labelUnit(text, false), nameLexicon()).map((m) => m.written);

  it("an office in capitals before a given name is no part of the name", () => {
    expect(written("The talks went on with DUSTR Peter Allgeier in Geneva.")).toEqual([
      "Peter Allgeier",
    ]);
    expect(written("They met with VCI Pamela Durham and OSD Todd Harvey.")).toEqual([
      "Pamela Durham",
      "Todd Harvey",
    ]);
    // A surname in capitals stays: after the given name, or before one no lexicon holds.
    expect(written("He met Deputy Minister Lutfullo SHAMSIDDINOV today.")).toContain(
      "Lutfullo SHAMSIDDINOV",
    );
    expect(written("Then ZHANG Yesui said the talks would go on.")).toContain("ZHANG Yesui");
  });

  it("words after an article with no noun after them name a thing or a body", () => {
    for (const text of [
      "He pressed Karzai to ensure the ECC Commissioners are independent.",
      "Aid stays subject to the Leahy Amendment for now.",
      "Water rights in the Nile Basin were discussed.",
    ])
      expect(written(text), text).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/Commissioners|Leahy|Nile/)]),
      );
  });

  it("acronyms in the plural and offices in camel case are none, alone or before a name", () => {
    expect(written("Cooperation with IOCs and DTOs grew, and SecDef said so.")).toEqual([]);
    expect(written("Talks with GIRoA and the GoNZ went on.")).toEqual([]);
    expect(written("He met ForMin Celso Amorim on Monday.")).toEqual(["Celso Amorim"]);
    // A protection marker keeps whatever name it follows.
    expect(written("Our contact AbuBakr (strictly protect) said so.")).toEqual(["AbuBakr"]);
    // Surnames with a prefix, given names and Gulf names of the `bin` kind stay.
    expect(written("Senator McCain said that LeBlanc and MbZ agreed.")).toEqual(
      expect.arrayContaining(["McCain", "LeBlanc", "MbZ"]),
    );
  });

  it("a town's, a key's or a bank's generic opens no person's name", () => {
    expect(
      written("They smuggle via Ciudad del Este and Bandar Abbas, and bank with Banco Pactual."),
    ).toEqual([]);
    // After a title and its portfolio, the person still stands (`President of San Martin ...`).
    expect(written("Regional President of San Martin Cesar Villanueva said so.")).toHaveLength(1);
  });

  it("words of the language throughout are a heading, whatever their initials and hyphens", () => {
    expect(written("D. Institutional Mechanisms")).toEqual([]);
    expect(written("They warned of Spill-Over Timing Effects then.")).toEqual([]);
    expect(written("He met E. Anthony Wayne there.")).toContain("E. Anthony Wayne");
  });

  it("a word the dictionary lists in lower case only is no name alone; a surname that is one stays", () => {
    const alone = (text: string) =>
      findPersonMentions(labelUnit(text, false), nameLexicon()).map((m) => [m.written, m.alone]);
    expect(alone("Talks before any Ministerial went on.")).toEqual([["Ministerial", false]]);
    expect(alone("Talks before any Presidency went on.")).toEqual([["Presidency", false]]);
    // The dictionary's `arias` and `rice` are names: the cables capitalise one, it lists `Rice`.
    expect(alone("Talks before any Arias went on.")).toEqual([["Arias", true]]);
    expect(nameLexicon().isDictionaryWord("rice")).toBe(false);
    expect(nameLexicon().isDictionaryWord("joint")).toBe(true);
  });

  it("but a list's letter, a possessive and a pair are no article's", () => {
    expect(written("Participants: A. Carsten Damsgaard, Political Director")).toContain(
      "Carsten Damsgaard",
    );
    expect(written("It echoed the Dalai Lama's view of the talks.")).toContain("Dalai Lama");
    expect(written("It was not unlike the Tony Blair/Gordon Brown team.")).toContain("Tony Blair");
  });
});

describe("titles in apposition, lists and lines of words", () => {
  const mentions = (text: string, caps = text === text.toUpperCase()) =>
    findPersonMentions(labelUnit(text, caps, nameLexicon().isGivenName), nameLexicon());
  const written = (text: string) => mentions(text).map((m) => m.written);
  const rolesOf = (text: string, name: string) =>
    mentions(text).find((m) => m.written === name)?.roles;

  it("a title after the comma is the next person's when a name follows it", () => {
    const text =
      "He met Ambassador Lee Feinstein, Foreign Minister Sikorski and Defense Minister Klich.";
    expect(rolesOf(text, "Lee Feinstein")).toEqual(["Ambassador"]);
    expect(rolesOf(text, "Sikorski")).toEqual(["Foreign Minister"]);
    expect(rolesOf("KING HAMAD, CROWN PRINCE SALMAN, AND OTHERS MET.", "HAMAD")).toEqual(["KING"]);
    // A role whose object is a titled person keeps it.
    expect(
      rolesOf("Andreas Kaju, Advisor to Defense Minister Jaak Aaviksoo, said so.", "Andreas Kaju"),
    ).toEqual(["Advisor to Defense Minister Jaak Aaviksoo"]);
    expect(
      rolesOf(
        "Shukri Ghanem, Chairman of Libya's National Oil Corporation, said so.",
        "Shukri Ghanem",
      ),
    ).toEqual(["Chairman of Libya's National Oil Corporation"]);
  });

  it("a name listed beside titled people is a person's, a clause's subject is not", () => {
    const listed = mentions("He will meet Musharraf, PM Gilani, ForMin Qureshi, and others.");
    expect(listed.find((m) => m.written === "Musharraf")?.evidence).toBe("strong");
    const subject = mentions("In Quebradilla, President Arias said so.");
    expect(subject.find((m) => m.written === "Quebradilla")?.evidence).toBe("single");
  });

  it("in capitals, the words after a title are prose, not its role or a name", () => {
    expect(written("IN ARABIC, SULTAN ASKED WHY IT WAS THAT THE U.S. WAS ALONE.")).toEqual([]);
    expect(written("THE GOVERNMENT-CONTROLLED DAILY TISHRIN STATED ON JUNE 14 THAT")).toEqual([]);
    // A protection marker keeps the name whatever noun stands before it.
    expect(written("THE EDITOR OF THE DAILY HAMDI (STRICTLY PROTECT) SAID SO.")).toContain("HAMDI");
    expect(written("MINISTER OF ECONOMY-EQUIVALENT, MINISTER OF LABOR-EQUIVALENT AND")).toEqual([]);
  });

  it("places joined by hyphens, a consulate's city and a company's word are no persons", () => {
    expect(
      written("The Israeli-Palestinian talks and the Iran-Iraq border, and North-South aid."),
    ).toEqual([]);
    expect(written("Consul General Munich said that General Electric will invest.")).toEqual([]);
    expect(written("The Director Hemisphere team met; the SULTAN READILY AGREED.")).toEqual([]);
    // A surname that is a word stays after a title.
    expect(written("Secretary Gates and Senator Specter said so.")).toEqual(["Gates", "Specter"]);
  });

  it("languages and peoples are no persons", () => {
    expect(written("He spoke Farsi, and Hindus and Copts met.")).toEqual([]);
  });

  it("verbs that open a sentence and an occupation before a name are not part of it", () => {
    expect(written("Requests UNOCI, within its existing resources, to help.")).not.toContain(
      "Requests UNOCI",
    );
    expect(written("Describing Muammar al-Qadhafi, he said so.")).toEqual(["Muammar al-Qadhafi"]);
    expect(rolesOf("Pollster Jorge Londono said so.", "Jorge Londono")).toEqual(["Pollster"]);
    // A given name that is also a word stays (it would otherwise escape a protected name's mask).
    expect(written("Garret Roberts said so.")).toEqual(["Garret Roberts"]);
  });

  it("in a title-case line, words of the language around a name are not its words", () => {
    expect(written("Fidel Castro Comeback Seen As Unlikely")).toContain("Fidel Castro");
    expect(written("Embassy Welcomes Bridget Brink")).toContain("Bridget Brink");
  });

  it("a portfolio's words of the language before a name are not its words", () => {
    expect(
      written("Econoffs met with Head of Sectoral Policy Coordination Manuel Sager to discuss it."),
    ).toContain("Manuel Sager");
    expect(written("Ambassador for Arms Control Issues Petur Thorsteinsson informed us.")).toEqual([
      "Petur Thorsteinsson",
    ]);
    // Given names that are words stay: `frank` and `alfredo` are in the dictionary.
    expect(
      written("Then High Commissioner for Peace Frank Pearl told Polcouns that it had a response."),
    ).toEqual(["Frank Pearl"]);
    expect(
      written("Overall, they were pleased. Minister of Production Alfredo Volio told us so."),
    ).toContain("Alfredo Volio");
    // A title before the portfolio stands for a given name the lexicon lacks.
    expect(
      written(
        "(U) PolOff contacted Icelandic MFA MinCouns for International Organizations Nikulas Hannigan on October 28.",
      ),
    ).toEqual(["Nikulas Hannigan"]);
    // After an article the words are a thing's name, not a portfolio's.
    expect(written("He drove the Rolls Royce Silver Phantom home.")).toEqual([]);
  });

  it("US office symbols are titles and telegraphic addresses no names", () => {
    expect(rolesOf("Later Polmiloff Jason Grubb met them.", "Jason Grubb")).toEqual(["Polmiloff"]);
    expect(rolesOf("Later EPoloff Patrick Fischer met them.", "Patrick Fischer")).toEqual([
      "EPoloff",
    ]);
    expect(written("He sent it to Amembassy Paris and Msnoff met PolMinCouns there.")).toEqual([]);
  });

  it("a place named after a person is not the person", () => {
    expect(written("He was held at Tora Prison until May.")).toEqual([]);
    expect(written("The delegation met Don Camp in Rome.")).toEqual(["Don Camp"]);
  });
});
