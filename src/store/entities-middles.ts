import { compatibleMiddles } from "./entity-names.js";

/**
 * Namesakes told apart by their middle names. The middle names written for one given name and
 * surname (`w` of `George W. Bush`, `h w` of `George H. W. Bush`) fall into clusters of lists
 * that can be one person's (compatibleMiddles, joined transitively); two clusters or more are
 * two people or more, each labelled by the letters of its most written list (`george-w-bush`,
 * `george-h-w-bush`). A single cluster splits nothing: the pair stays one person, whatever
 * middle names its forms add or leave out.
 */
export class MiddleNames {
  /** name key → middle list (words joined by a space) → times written. */
  private readonly written = new Map<string, Map<string, number>>();
  /** name key → middle list → label, for the keys that split. */
  private labels: Map<string, Map<string, string>> | null = null;

  add(key: string, middle: readonly string[], times = 1): void {
    if (middle.length === 0) return;
    const lists = this.written.get(key) ?? new Map<string, number>();
    this.written.set(key, lists);
    const list = middle.join(" ");
    lists.set(list, (lists.get(list) ?? 0) + times);
  }

  /** Whether the key's middle names tell two people or more apart. */
  splits(key: string): boolean {
    return this.label(key).size > 0;
  }

  /** The label of the person a middle list names, or null when the key does not split. */
  labelOf(key: string, middle: readonly string[]): string | null {
    return middle.length === 0 ? null : (this.label(key).get(middle.join(" ")) ?? null);
  }

  /** The labels of a split key, sorted. */
  people(key: string): string[] {
    return [...new Set(this.label(key).values())].sort();
  }

  private label(key: string): Map<string, string> {
    this.labels ??= new Map();
    let out = this.labels.get(key);
    if (out) return out;
    out = new Map();
    this.labels.set(key, out);
    const lists = [...(this.written.get(key) ?? new Map<string, number>()).entries()].sort(
      (a, b) => (a[0] < b[0] ? -1 : 1),
    );
    if (lists.length < 2) return out;
    const words = lists.map(([l]) => l.split(" "));
    const root = lists.map((_, i) => i);
    const find = (i: number): number => {
      while (root[i] !== i) i = root[i]!;
      return i;
    };
    for (let i = 0; i < lists.length; i++)
      for (let j = i + 1; j < lists.length; j++)
        if (compatibleMiddles(words[i]!, words[j]!)) root[find(i)] = find(j);
    const best = new Map<number, number>();
    lists.forEach(([, n], i) => {
      const r = find(i);
      const b = best.get(r);
      if (b === undefined || n > lists[b]![1]) best.set(r, i);
    });
    if (best.size < 2) return out;
    // Labelled by initials (`george-w-bush`), or by the names in full when two people share
    // them (`bin Ali`, `bin Abdullah`: `mohammed-ali-khalifa`, `mohammed-abdullah-khalifa`).
    const initials = (k: number) => words[k]!.map((w) => w[0]).join(" ");
    const seen = new Map<string, number>();
    for (const k of best.values()) seen.set(initials(k), (seen.get(initials(k)) ?? 0) + 1);
    lists.forEach(([l], i) => {
      const k = best.get(find(i))!;
      out.set(l, seen.get(initials(k))! > 1 ? words[k]!.join(" ") : initials(k));
    });
    return out;
  }
}
