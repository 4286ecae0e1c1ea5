/**
 * Public mode never shows where the server keeps its files: a version's source, and the `source`
 * of a Cable JSON, keep only the file's base name (`/srv/leaks/batch3/cables.csv` → `cables.csv`),
 * which still tells a reader which copy a text came from.
 */
import type { Cable, Provenance } from "../../model/cable.js";

/** The last part of a path, POSIX or Windows. */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? file;
}

export function publicSource(p: Provenance): Provenance {
  return { ...p, file: baseName(p.file) };
}

/** A cable (or a cable-shaped answer) with its source and its versions' sources reduced. */
export function publicCable<T extends Cable & { versions?: { source: Provenance }[] }>(c: T): T {
  const out: T = { ...c };
  if (c.source) out.source = publicSource(c.source);
  if (c.versions) out.versions = c.versions.map((v) => ({ ...v, source: publicSource(v.source) }));
  return out;
}
