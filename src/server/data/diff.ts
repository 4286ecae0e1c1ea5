/**
 * Line diff of two texts (jsdiff, Myers' O(ND) algorithm) as hunks with a few lines of context,
 * for the reader's "versions" panel. Bounded: past MAX_EDITS differing lines the texts are reported
 * as too different to show, so two unrelated 60 KB bodies cannot cost quadratic time.
 */
import { diffArrays } from "diff";
import type { Diff, DiffLine, Hunk } from "../answers.js";

export type { Diff, DiffLine, Hunk };

const MAX_EDITS = 1000;
const CONTEXT = 2;

/** The shortest edit script between two line arrays (jsdiff's Myers), or null past `maxEdits`. */
function editScript(a: string[], b: string[], maxEdits: number): DiffLine[] | null {
  const changes = diffArrays(a, b, { maxEditLength: maxEdits });
  if (!changes) return null;
  return changes.flatMap((c) =>
    c.value.map((text): DiffLine => ({ op: c.added ? "+" : c.removed ? "-" : " ", text })),
  );
}

/** Groups an edit script into hunks of changes with CONTEXT unchanged lines around them. */
function hunks(script: DiffLine[]): Hunk[] {
  const out: Hunk[] = [];
  let oldLine = 1;
  let newLine = 1;
  let current: Hunk | null = null;
  let lastChange = -Infinity;
  script.forEach((line, i) => {
    const changed = line.op !== " ";
    let changeAhead = false;
    for (let j = i + 1; j <= i + CONTEXT && j < script.length; j++) {
      if (script[j]!.op !== " ") changeAhead = true;
    }
    const near = changed || i - lastChange <= CONTEXT || changeAhead;
    if (near) {
      current ??= { oldStart: oldLine, newStart: newLine, lines: [] };
      current.lines.push(line);
    } else if (current) {
      out.push(current);
      current = null;
    }
    if (changed) lastChange = i;
    if (line.op !== "+") oldLine++;
    if (line.op !== "-") newLine++;
  });
  if (current) out.push(current);
  return out;
}

export function lineDiff(oldText: string, newText: string, maxEdits = MAX_EDITS): Diff {
  const a = oldText.split("\n");
  const b = newText.split("\n");
  // Versions of a cable mostly differ in a few places: the common ends need no search.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const middle = editScript(
    a.slice(head, a.length - tail),
    b.slice(head, b.length - tail),
    maxEdits,
  );
  if (!middle) return { hunks: [], added: 0, removed: 0, tooLarge: true };
  const same = (lines: string[]): DiffLine[] => lines.map((text) => ({ op: " ", text }));
  const script = [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
  return {
    hunks: hunks(script),
    added: script.filter((l) => l.op === "+").length,
    removed: script.filter((l) => l.op === "-").length,
    tooLarge: false,
  };
}
