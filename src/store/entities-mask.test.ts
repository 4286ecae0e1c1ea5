import { describe, expect, it } from "vitest";
import { MASK, masker } from "./entities-mask.js";

describe("masking protected names", () => {
  const m = masker(["Ségolène Dupré-Nassar", "Segolene Dupre-Nassar", "Dupré-Nassar"]);

  it("masks every form, case- and accent-insensitively, with one token", () => {
    expect(m.mask("Dr. Ségolène Dupré-Nassar (strictly protect) said")).toBe(
      `Dr. ${MASK} (strictly protect) said`,
    );
    expect(m.mask("LIBYA: DUPRE-NASSAR ON THE PORTS")).toBe(`LIBYA: ${MASK} ON THE PORTS`);
    expect(m.mask("Ms. Dupre\u0301-Nassar agreed")).toBe(`Ms. ${MASK} agreed`);
    expect(m.mask("nassar's view")).toBe(`${MASK}'s view`);
  });

  it("keeps neither the length, the number of words nor initials", () => {
    expect(m.mask("S. Dupré-Nassar")).toBe(MASK);
    expect(m.mask("Ségolène  Dupré-Nassar")).toBe(MASK);
    expect(m.mask("<mark>Segolene</mark> <mark>Dupre</mark>-Nassar")).toBe(`<mark>${MASK}</mark>`);
  });

  it("masks names inside links and JSON", () => {
    expect(m.mask("/search?q=segolene+dupre-nassar")).toBe(`/search?q=${MASK}`);
    expect(m.mask("/search?q=S%C3%A9gol%C3%A8ne")).toBe(`/search?q=${MASK}`);
    expect(m.mask('{"name":"Ségolène Dupré-Nassar"}')).toBe(`{"name":"${MASK}"}`);
  });

  it("leaves other words alone, including ones that contain a name", () => {
    expect(m.mask("Nassarawa state and the Dupres family")).toBe(
      "Nassarawa state and the Dupres family",
    );
  });

  it("does nothing without names", () => {
    expect(masker([]).mask("Mark Asquino")).toBe("Mark Asquino");
  });
});
