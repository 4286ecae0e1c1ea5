import type { Place } from "../../model/entities.js";
import type { LabeledUnit } from "./label.js";

/**
 * Places named in a unit: countries (their adjectives and demonyms are variants: `Rwandan` for
 * Rwanda), cities and regions of the reference tables. Words read as part of a body's name
 * (`Human Rights Watch`, `Bank of America`) are the body's, not places.
 */
export interface PlaceMention {
  name: string;
  kind: Place["kind"];
  written: string;
  paragraph: number;
}

export function placeMentions(unit: LabeledUnit, paragraph: number): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (const span of unit.places) {
    if (unit.labels[span.from] !== "place") continue;
    const t0 = unit.tokens[span.from]!;
    const t1 = unit.tokens[span.to - 1]!;
    out.push({
      name: span.entry.name,
      kind: span.entry.kind,
      written: unit.text.slice(t0.start, t1.end).replace(/\s+/g, " "),
      paragraph,
    });
  }
  for (const j of unit.joinedPlaces) {
    out.push({ name: j.entry.name, kind: j.entry.kind, written: j.written, paragraph });
  }
  return out;
}

export function groupPlaces(mentions: readonly PlaceMention[]): Place[] {
  const byName = new Map<
    string,
    { kind: Place["kind"]; variants: Set<string>; paragraphs: Set<number> }
  >();
  for (const m of mentions) {
    let g = byName.get(m.name);
    if (!g) {
      g = { kind: m.kind, variants: new Set(), paragraphs: new Set() };
      byName.set(m.name, g);
    }
    if (m.written !== m.name) g.variants.add(m.written);
    g.paragraphs.add(m.paragraph);
  }
  return [...byName].map(([name, g]) => ({
    name,
    kind: g.kind,
    variants: [...g.variants],
    paragraphs: [...g.paragraphs].sort((a, b) => a - b),
  }));
}
