import { describe, expect, it } from "vitest";
import { repairMojibake } from "./mojibake.js";

describe("repairMojibake", () => {
  it("repairs UTF-8 read as Windows-1252", () => {
    expect(repairMojibake("ITALYâ€™S Â¶2. JosÃ© â€œquoted")).toEqual({
      text: "ITALY’S ¶2. José “quoted",
      count: 4,
    });
  });

  it("repairs a character whose second byte is undefined in Windows-1252 (kept as C1 control)", () => {
    // ” is E2 80 9D; 0x9D survives as U+009D.
    expect(repairMojibake("â€\u009D").text).toBe("”");
  });

  it("leaves genuine accented letters", () => {
    const text = "ÂNGELA MÜLLER, São Paulo, Ñuñoa, café’s";
    expect(repairMojibake(text)).toEqual({ text, count: 0 });
  });
});
