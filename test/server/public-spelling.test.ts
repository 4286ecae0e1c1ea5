/**
 * Spelling help in public mode: the variant operator (`word~`) and "did you mean" draw on the
 * archive's index, which holds the names protecting cables protect. For every protected name of
 * the protected-persons fixture, misspelt and searched with `~`, neither offers the name nor finds
 * the protecting cable through it; outside public mode the spelling is offered as usual.
 */
import { describe, expect, it } from "vitest";
import { variantsOf } from "../../src/search/variants.js";
import type { RunningServer } from "../../src/server/start.js";
import { significantWords } from "../../src/store/entity-names.js";
import { PROTECTED, protectedServersHooks } from "../entities/protected-archive.js";

const servers = protectedServersHooks("cablegram-spelling-");

interface Answer {
  hits: { referenceId: string }[];
  didYouMean?: { suggestion: string }[];
}

async function search(server: RunningServer, q: string): Promise<Answer> {
  return (await (
    await fetch(`${server.url}api/search?q=${encodeURIComponent(q)}`)
  ).json()) as Answer;
}

/** Ways a name gets mistyped: a letter dropped, two swapped, one doubled. */
function misspellings(word: string): string[] {
  const mid = Math.floor(word.length / 2);
  return [
    word.slice(0, mid) + word.slice(mid + 1),
    word.slice(0, mid - 1) + word[mid] + word[mid - 1] + word.slice(mid + 1),
    word.slice(0, mid) + word[mid] + word.slice(mid),
  ];
}

describe("spelling help in public mode", () => {
  const cases = PROTECTED.flatMap((p) =>
    significantWords(p.forms)
      .filter((w) => /^[a-z]{5,}$/.test(w))
      .map((word) => ({ cable: p.cable, word })),
  );

  it("has protected names to try", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it("never offers a protected name, nor expands a variant search to it", async () => {
    const { pub, local } = servers;
    let offeredLocally = 0;
    for (const { cable, word } of cases) {
      for (const typo of misspellings(word)) {
        // What `typo~` searches for on the public connection: never the protected word.
        expect(
          variantsOf(pub.db!, typo).map((v) => v.term),
          typo,
        ).not.toContain(word);
        const r = await search(pub, typo);
        const offered = (r.didYouMean ?? []).map((s) => s.suggestion);
        expect(offered, typo).not.toContain(word);
        // The misspelling alone never reaches the cable that protects the name.
        expect(
          r.hits.map((h) => h.referenceId),
          typo,
        ).not.toContain(cable);
        const own = await search(local, typo);
        if ((own.didYouMean ?? []).some((s) => s.suggestion === word)) offeredLocally++;
      }
    }
    // The same archive served privately does offer them: the filter is public mode's.
    expect(offeredLocally).toBeGreaterThan(0);
  });
});
