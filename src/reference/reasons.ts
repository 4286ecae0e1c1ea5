import { z } from "zod";
import { referenceTable } from "./reference-data.js";

/**
 * What a classification reason code means ("reasons explained" in the UI): `1.4(b)` → foreign
 * government information, under E.O. 12958 as amended (2003) and E.O. 13526 (2009); `1.5(d)` under
 * the original E.O. 12958 (1995-2003); `1.3(a)(5)` under E.O. 12356 (1982-1995). From
 * data/reference/classification-reasons.csv.
 */

export const ReasonInfoSchema = z
  .object({
    code: z.string().describe("The code in normal form: `1.4(b)`, `1.5(d)`, `1.3(a)(5)`."),
    order: z
      .string()
      .describe("The executive order(s) the section belongs to, as the table words it."),
    category: z.string().describe("The category of information, as the order words it."),
    confidence: z.string().describe("`high` or `medium`: how sure the table is of the wording."),
  })
  .meta({ id: "ReasonInfo" });
export type ReasonInfo = z.infer<typeof ReasonInfoSchema>;

let index: Map<string, ReasonInfo> | null = null;

function table(): Map<string, ReasonInfo> {
  if (index) return index;
  index = new Map();
  for (const row of referenceTable("classification-reasons.csv")) {
    const section = row.section ?? "";
    const letter = row.letter_or_number ?? "";
    const code = /^\d+$/.test(letter)
      ? `${section}(${letter})`
      : `${section}(${letter.toLowerCase()})`;
    index.set(code, {
      code,
      order: row.order ?? "",
      category: row.category ?? "",
      confidence: (row.confidence ?? "").split(/\s/)[0] ?? "",
    });
  }
  return index;
}

/**
 * Accepts the code as normalised by the parser (`1.4(b)`) or as written (`1.4 (B)`, `1.4b`,
 * `1.5.D`, `1.3(a)(5)`, `1.3 (a) 5`); null for anything the table does not know.
 */
export function reasonInfo(code: string): ReasonInfo | null {
  const m = /^\s*1\s*\.\s*([345])\s*[.(]?\s*([a-hA-H])\s*\)?\s*(?:\(?\s*(\d{1,2})\s*\)?)?\s*$/.exec(
    code,
  );
  if (!m) return null;
  const [, section, letter = "", number] = m;
  const key =
    section === "3" && number ? `1.3(a)(${number})` : `1.${section}(${letter.toLowerCase()})`;
  if (section === "3" && letter.toLowerCase() !== "a") return null;
  return table().get(key) ?? null;
}
