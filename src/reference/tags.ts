import { z } from "zod";
import { referenceTable } from "./reference-data.js";

/**
 * What a TAG is and means, for the UI's "TAGS with their meanings" (spec §7). The kind follows
 * cablemap's rule, checked in this order: two letters → geographic (FIPS 10-4 or a regional code);
 * a comma → person; four letters starting with K → program; in the subject list → subject; in the
 * organisation list → organisation; otherwise unknown. Meanings come from the tags-*.csv tables:
 * official FAM wording first, then PlusD's, then the unofficial glosses (flagged in the tables).
 */

export const TAG_KINDS = ["geo", "person", "program", "subject", "org", "unknown"] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export const TagInfoSchema = z.object({
  kind: z.enum(TAG_KINDS),
  meaning: z
    .string()
    .nullable()
    .describe(
      "What the code stands for (`Political Affairs--External Political Relations`), or null.",
    ),
  category: z
    .string()
    .nullable()
    .describe("Subject/program category (`Political Affairs`), or null."),
});
export type TagInfo = z.infer<typeof TagInfoSchema>;

interface Glossary {
  subject: Map<string, { meaning: string | null; category: string | null }>;
  program: Map<string, string | null>;
  org: Set<string>;
  geo: Map<string, string>;
  programCategory: string | null;
}

let glossary: Glossary | undefined;

const firstOf = (...values: (string | undefined)[]): string | null =>
  values.map((v) => v?.trim() ?? "").find((v) => v !== "") ?? null;

function load(): Glossary {
  const subject = new Map<string, { meaning: string | null; category: string | null }>();
  for (const r of referenceTable("tags-subject.csv")) {
    subject.set((r.tag ?? "").toUpperCase(), {
      meaning: firstOf(
        r.fam_5fah3_description,
        r.plusd_description,
        r.unofficial_gloss,
        r.blog_gloss,
      ),
      category: firstOf(r.category),
    });
  }
  const program = new Map<string, string | null>();
  for (const r of referenceTable("tags-program.csv")) {
    program.set(
      (r.tag ?? "").toUpperCase(),
      firstOf(r.plusd_description, r.unofficial_gloss, r.blog_gloss),
    );
  }
  const org = new Set(
    referenceTable("tags-organization.csv").map((r) => (r.tag ?? "").toUpperCase()),
  );
  const geo = new Map<string, string>();
  for (const r of referenceTable("tags-geographic-fips.csv")) {
    geo.set((r.tag ?? "").toUpperCase(), (r.name ?? "").trim());
  }
  const k = referenceTable("tags-categories.csv").find((r) => r.letter === "K");
  return { subject, program, org, geo, programCategory: firstOf(k?.category) };
}

function tables(): Glossary {
  glossary ??= load();
  return glossary;
}

/** Kind and meaning of one TAG as the parser returns it (`PREL`, `KZ`, `CLINTON, HILLARY`). */
export function tagInfo(tag: string, options: { defaultKind?: TagKind } = {}): TagInfo {
  const t = tables();
  const code = tag.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) {
    return { kind: "geo", meaning: t.geo.get(code) || null, category: null };
  }
  if (code.includes(",")) return { kind: "person", meaning: null, category: null };
  if (/^K[A-Z]{3}$/.test(code)) {
    return { kind: "program", meaning: t.program.get(code) ?? null, category: t.programCategory };
  }
  const subject = t.subject.get(code);
  if (subject) return { kind: "subject", meaning: subject.meaning, category: subject.category };
  if (t.org.has(code)) return { kind: "org", meaning: null, category: null };
  return { kind: options.defaultKind ?? "unknown", meaning: null, category: null };
}
