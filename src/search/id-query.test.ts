import { describe, expect, it } from "vitest";
import { queryId } from "./id-query.js";
import { parseQuery } from "./parser.js";

describe("a query that is a cable id", () => {
  it("reads the id however it is written", () => {
    for (const q of [
      "05ALMATY2121",
      "05almaty2121",
      "05 ALMATY 2121",
      "05 ALMATY 002121",
      "05-ALMATY-2121",
      "2005 Almaty 2121",
      '"05 ALMATY 2121"',
      "05ALMATY2121_a",
    ]) {
      expect(queryId(parseQuery(q)), q).toBe("05ALMATY2121");
    }
  });

  it("leaves real queries alone", () => {
    for (const q of [
      "almaty 2121",
      "05ALMATY*",
      "tag:PGOV 05ALMATY2121",
      "qadhafi",
      "-05ALMATY2121",
    ]) {
      expect(queryId(parseQuery(q)), q).toBeNull();
    }
  });
});
