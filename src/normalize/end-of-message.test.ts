import { describe, expect, it } from "vitest";
import { removeEndOfMessage } from "./end-of-message.js";

describe("removeEndOfMessage", () => {
  it("removes NNNN after the signature (05ALMATY2121, 2005 Dushanbe copies)", () => {
    expect(removeEndOfMessage("the family.\n\nASQUINO\n\nNNNN")).toEqual({
      text: "the family.\n\nASQUINO",
      count: 1,
    });
    expect(removeEndOfMessage("cleared this message. SCOBEY NNNN End Cable Text").text).toBe(
      "cleared this message. SCOBEY End Cable Text",
    );
  });

  it("leaves words that merely contain NNNN", () => {
    const text = "ANNNNA and NNNNN";
    expect(removeEndOfMessage(text)).toEqual({ text, count: 0 });
  });
});
