/**
 * The protected test archive (protected-archive.ts) with a family beside a protected person:
 * 10TRIPOLI9006 protects `Segolene Dupre-Nassar` and names her brother `Karim Dupre-Nassar` and
 * his firm `Dupre-Nassar Consulting` openly; 09TRIPOLI9005 names both openly and no one else.
 * Public mode withholds the brother and the firm in the protecting cable with her
 * (src/store/protection-inherit.ts, withheldIn).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cable } from "../../src/model/cable.js";
import { type BuildOptions, INPUTS } from "./protected-archive.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/public/", import.meta.url));
export const OPEN = "09TRIPOLI9005";
export const PROTECTING = "10TRIPOLI9006";

const person = (name: string, paragraphs: number[], prot = false) => ({
  name,
  variants: [],
  roles: [],
  paragraphs,
  usOfficial: false,
  protected: prot,
});

/** The entities of the two cables, as a reader annotates them. */
function annotate(_file: string, cable: Cable): void {
  const c = cable as Cable & Record<string, unknown>;
  if (cable.referenceId === OPEN) {
    c.persons = [person("Karim Dupre-Nassar", [1, 2])];
    c.organizations = [{ name: "Dupre-Nassar Consulting", variants: [], paragraphs: [1] }];
    c.places = [{ name: "Misurata", kind: "city", variants: [], paragraphs: [2] }];
  } else if (cable.referenceId === PROTECTING) {
    c.persons = [
      person("Gene Cretz", [0]),
      person("Segolene Dupre-Nassar", [1], true),
      person("Karim Dupre-Nassar", [2]),
    ];
    c.organizations = [{ name: "Dupre-Nassar Consulting", variants: [], paragraphs: [2] }];
    c.places = [];
  }
}

export const NAMESAKES: BuildOptions = {
  inputs: [...INPUTS, join(FIXTURES, `${OPEN}.txt`), join(FIXTURES, `${PROTECTING}.txt`)],
  edit: annotate,
};
