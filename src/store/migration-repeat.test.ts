import { describe, expect, it } from "vitest";
import { withRepeated } from "./migration-repeat.js";

describe("migrations that apply an earlier one again", () => {
  const files: Record<string, string> = {
    "001-a.sql": "CREATE TABLE a (x);",
    "002-b.sql": "-- why\n-- again: 001-a.sql\nDELETE FROM a;",
    "003-c.sql": "-- again: 002-b.sql",
  };
  const read = (f: string) => {
    const t = files[f];
    if (t === undefined) throw new Error(`no ${f}`);
    return t;
  };

  it("runs its own text, then the named one's", () => {
    expect(withRepeated(files["002-b.sql"]!, read)).toBe(
      "-- why\n-- again: 001-a.sql\nDELETE FROM a;\nCREATE TABLE a (x);",
    );
    expect(withRepeated(files["003-c.sql"]!, read)).toContain("CREATE TABLE a (x);");
  });

  it("leaves a migration naming none as it is, and names a missing one", () => {
    expect(withRepeated(files["001-a.sql"]!, read)).toBe("CREATE TABLE a (x);");
    expect(() => withRepeated("-- again: 009-gone.sql", read)).toThrow(/no 009-gone.sql/);
    // Only a line of its own counts, not a mention in prose.
    expect(withRepeated("-- as 001-a.sql did, again: 001-a.sql here", read)).not.toContain(
      "CREATE",
    );
  });
});
