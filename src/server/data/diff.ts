/**
 * Line diff of two texts (Myers' O(ND) algorithm) as hunks with a few lines of context, for the
 * reader's "versions" panel. Bounded: past MAX_EDITS differing lines the texts are reported as too
 * different to show, so two unrelated 60 KB bodies cannot cost quadratic time.
 */

export type DiffLine = { op: " " | "-" | "+"; text: string };

export interface Hunk {
  /** 1-based first line of the hunk in the old and the new text. */
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

export interface Diff {
  hunks: Hunk[];
  added: number;
  removed: number;
  /** True when the texts differ in more lines than the diff is computed for. */
  tooLarge: boolean;
}

const MAX_EDITS = 1000;
const CONTEXT = 2;

/**
 * The shortest edit script between two line arrays, or null past `maxEdits` edits. Each round d
 * keeps only the 2d + 1 diagonals it reached, so memory stays O(D²) for D edits.
 */
function editScript(a: string[], b: string[], maxEdits: number): DiffLine[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return null;
}

/** Walks the saved rounds back from the end: trace[d][k + d + 1] is the x reached on diagonal k. */
function backtrack(a: string[], b: string[], trace: Int32Array[]): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  const at = (d: number, k: number) => trace[d]![k + d + 1]!;
  for (let d = trace.length - 1; d > 0; d--) {
    const k = x - y;
    const down = k === -d || (k !== d && at(d, k - 1) < at(d, k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(d, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      out.push({ op: " ", text: a[x]! });
    }
    if (down) {
      y--;
      out.push({ op: "+", text: b[y]! });
    } else {
      x--;
      out.push({ op: "-", text: a[x]! });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    out.push({ op: " ", text: a[x]! });
  }
  return out.reverse();
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
