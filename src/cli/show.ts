import type { Archive } from "../archive/archive.js";
import type { CiteEdge } from "../graph/types.js";
import type { Cable } from "../model/cable.js";
import { canonicalId } from "../model/reference-id.js";
import type { DateEstimate } from "../store/date-estimates.js";
import { defineCommand } from "./command.js";
import { formatPeople } from "./entities.js";
import { Output, withOpened } from "./io.js";
import { dbOption, dbReadOption } from "./options.js";
import { openReadArchive } from "./search.js";

const WIDTH = 100;

/** Word-wraps text to WIDTH columns with an indent. */
export function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

function field(name: string, value: string | null | undefined): string {
  return value ? `${name.padEnd(16)}${value}\n` : "";
}

function edgeLine(e: CiteEdge): string {
  const label = (e.label ?? "").padEnd(3);
  const state = e.present ? "present" : "MISSING";
  const date = e.created?.slice(0, 10) ?? (e.estimatedCreated ? `~${e.estimatedCreated}` : "");
  return `  ${label}${e.referenceId.padEnd(22)}${state.padEnd(9)}${date.padEnd(12)}${e.subject ?? ""}\n`;
}

/** The readable terminal view of a cable with its references and citations. */
export function formatCable(
  c: Cable,
  out: CiteEdge[],
  inbound: CiteEdge[],
  estimate: DateEstimate | null = null,
): string {
  const parts: string[] = [];
  parts.push(
    `${c.referenceId}  ${c.subject ?? "(no subject)"}\n${"=".repeat(Math.min(WIDTH, 80))}\n`,
  );
  parts.push(
    field(
      "Created",
      c.created?.replace("T", " ").replace(/:00Z$/, " UTC") ??
        (estimate
          ? `unknown; estimated ~${estimate.date} (${estimate.from}..${estimate.to}: ${estimate.witnesses.join("; ")})`
          : undefined),
    ),
  );
  parts.push(field("Released", c.released?.replace("T", " ").replace(/:00Z$/, " UTC")));
  parts.push(
    field("Origin", [c.origin, c.station ? `(${c.station})` : null].filter(Boolean).join(" ")),
  );
  parts.push(field("Classification", c.classification));
  parts.push(field("Caveats", c.caveats.join(" ")));
  parts.push(field("TAGS", c.tags.join(" ")));
  if (c.classifiedBy) {
    const who = [c.classifiedBy.names.join(", "), c.classifiedBy.title].filter(Boolean).join(", ");
    const why = c.classifiedBy.reasons.length
      ? ` (reasons ${c.classifiedBy.reasons.join(", ")})`
      : "";
    parts.push(field("Classified by", `${who || c.classifiedBy.text}${why}`));
  }
  parts.push(field("Declassify", c.declassification?.date ?? c.declassification?.text));
  parts.push(field("From", c.from));
  parts.push(field("Signed", c.signers.join(", ")));
  parts.push(formatPeople(c));
  if (c.partial) parts.push("Partial         the source holds only an extract of this cable\n");
  if (c.protect.length > 0) {
    parts.push("\n!! SOURCE PROTECTION: this cable names people to protect\n");
    for (const p of c.protect) {
      const where = p.paragraph !== null ? `¶${p.paragraph} ` : "";
      parts.push(`${wrap(`${p.marker}: ${where}${p.text}`, "   ")}\n`);
    }
  }
  parts.push(`\nReferences (${out.length})\n`);
  parts.push(out.length ? out.map(edgeLine).join("") : "  none\n");
  parts.push(`\nCited by (${inbound.length})\n`);
  parts.push(inbound.length ? inbound.map(edgeLine).join("") : "  none\n");
  if (c.summary) parts.push(`\nSummary\n${wrap(c.summary, "  ")}\n`);
  parts.push("\n");
  if (c.paragraphs.length === 0) {
    parts.push(`${c.body}\n`);
  } else {
    for (const p of c.paragraphs) {
      if (p.heading) parts.push(`  ${p.heading.toUpperCase()}\n`);
      const head = `¶${p.number}${p.marking ? ` (${p.marking})` : ""} `;
      parts.push(`${wrap(head + p.text, "  ")}\n\n`);
    }
  }
  return parts.join("");
}

async function lookup(archive: Archive, raw: string): Promise<Cable | null> {
  const id = canonicalId(raw.replace(/\s+/g, ""));
  return id ? archive.getCable(id) : null;
}

export const showCommand = defineCommand({
  name: "show",
  summary: "a readable terminal view of one cable with its references and citations",
  positionals: {
    name: "ID",
    help: "a cable id as written (05ALMATY2121, 05 ALMATY 002121)",
    required: true,
  },
  options: {
    json: { type: "boolean", help: 'the Cable JSON with "cites" and "citedBy"' },
    db: dbOption,
    "db-read": dbReadOption,
  },
  async run(values, positionals) {
    const raw = positionals.join("");
    return withOpened(
      "show",
      () => openReadArchive(values.db, values["db-read"]),
      async (archive) => {
        const cable = await lookup(archive, raw);
        if (!cable?.referenceId) {
          const word = raw.replace(/\s+/g, "");
          const near = /^\d{2}[A-Za-z]{2,}\d*$/.test(word) ? await archive.suggestIds(word) : [];
          const hint = near.length ? `; ids starting so: ${near.join(" ")}` : "";
          process.stderr.write(`cablegram show: no cable ${raw} in ${archive.label}${hint}\n`);
          return 1;
        }
        const out = await archive.cites(cable.referenceId);
        const inbound = await archive.citedBy(cable.referenceId);
        const estimate = cable.created ? null : await archive.dateEstimate(cable.referenceId);
        const o = new Output();
        await o.write(
          values.json
            ? `${JSON.stringify({ ...cable, createdEstimate: estimate, cites: out, citedBy: inbound }, null, 2)}\n`
            : formatCable(cable, out, inbound, estimate),
        );
        await o.flush();
        return 0;
      },
    );
  },
});
