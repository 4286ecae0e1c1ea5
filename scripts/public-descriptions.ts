/**
 * What masking the descriptions beside protected names (src/store/entities-mask.ts) does on an
 * archive, for reading by hand (a script, not a test):
 * `npx tsx scripts/public-descriptions.ts --db PATH [--seed N] [--size N]`.
 *
 * For every cable public mode masks, every version's subject, summary and body is masked as public
 * mode masks it, with and without the descriptions. Prints how many cables and tokens, how many
 * descriptions were masked and how many characters they hid, whether any masked text lost or gained
 * a markup character, and a seeded random sample of the descriptions, each with the text around
 * it: is each one about the protected person, and does it end where the clause ends?
 */
import { parseArgs } from "node:util";
import { openArchive } from "../src/store/db.js";
import { descriptionsIn, MASK, masker } from "../src/store/entities-mask.js";
import { protectedIndex } from "../src/store/entities-public.js";
import { getVersions } from "../src/store/read.js";
import { mulberry32 } from "../test/support/mulberry32.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    seed: { type: "string", default: "9" },
    size: { type: "string", default: "30" },
  },
});
if (!values.db) {
  process.stderr.write("public-descriptions: --db PATH is required\n");
  process.exit(2);
}
const db = openArchive(values.db, { readonly: true });
const index = protectedIndex(db);

const count = (s: string, sub: string) => s.split(sub).length - 1;
const markup = (s: string) => (s.match(/[<>"{}]/g) ?? []).length;

let texts = 0;
let tokensBefore = 0;
let tokensAfter = 0;
let hidden = 0;
let markupChanged = 0;
const samples: { cable: string; text: string }[] = [];
for (const p of index.byRowid.values()) {
  const versions = getVersions(db, p.referenceId).map((v) => v.cable);
  const names = masker(p.masked, p.roles, { descriptions: false });
  for (const cable of versions) {
    for (const text of [cable.subject ?? "", cable.summary ?? "", cable.body]) {
      texts++;
      const before = names.mask(text);
      const after = p.masker.mask(text);
      tokensBefore += count(before, MASK);
      tokensAfter += count(after, MASK);
      hidden +=
        before.length - after.length + (count(after, MASK) - count(before, MASK)) * MASK.length;
      if (markup(before) !== markup(after)) markupChanged++;
      for (const d of descriptionsIn(before)) {
        samples.push({
          cable: p.referenceId,
          text: `${before.slice(Math.max(0, d.at - 70), d.at)}⟦${d.description}⟧${before.slice(d.at + d.description.length, d.at + d.description.length + 30)}`,
        });
      }
    }
  }
}
db.close();

console.log(
  `protecting cables ${index.byRowid.size}; texts masked ${texts} (every version's subject, summary, body)`,
);
console.log(`tokens: ${tokensBefore} with names and roles only, ${tokensAfter} with descriptions`);
console.log(`descriptions masked ${samples.length}, ${hidden} characters hidden by them`);
console.log(`texts whose markup characters (<>"{}) changed: ${markupChanged}`);
const rand = mulberry32(Number(values.seed));
const pick = [...samples];
for (let k = pick.length - 1; k > 0; k--) {
  const r = Math.floor(rand() * (k + 1));
  [pick[k], pick[r]] = [pick[r]!, pick[k]!];
}
console.log(
  `\nsample of ${Math.min(Number(values.size), pick.length)} (seed ${values.seed}); ⟦…⟧ is what the description mask hides:`,
);
for (const s of pick.slice(0, Number(values.size))) {
  console.log(`- ${s.cable}: …${s.text.replace(/\s+/g, " ")}…`);
}
