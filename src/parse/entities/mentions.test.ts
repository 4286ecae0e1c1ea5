import { describe, expect, it } from "vitest";
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
