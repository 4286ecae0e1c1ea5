import { describe, expect, it } from "vitest";
import { decodeStrayEntities } from "./entities.js";

describe("decodeStrayEntities", () => {
  it("decodes numeric and named references (spec §4.5 subject, HTML line breaks)", () => {
    expect(
      decodeStrayEntities(
        "SUBJECT: ITALY&#8217;S HUMAN RIGHTS REPORT&#x000A;R&amp;D &quot;X&quot;",
      ),
    ).toEqual({
      text: 'SUBJECT: ITALY’S HUMAN RIGHTS REPORT\nR&D "X"',
      count: 5,
    });
  });

  it("leaves ampersands that are not references", () => {
    const text = "R&D; AT&T &unknownname; &#0; &#xD800;";
    expect(decodeStrayEntities(text)).toEqual({ text, count: 0 });
  });
});
