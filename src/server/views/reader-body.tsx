/** The reader's text: the protection banner, paragraphs with anchors and marking badges, the full text. */

import type { Cable, Paragraph } from "../../model/cable.js";
import { MarkingBadge } from "./components.js";
import { type MentionMatcher, MentionText } from "./entity-mentions.js";

/** `p3`, or `p3-2` for the second paragraph a drafter numbered 3: anchors stay unique. */
export function paragraphAnchors(paragraphs: Paragraph[]): string[] {
  const seen = new Map<number, number>();
  return paragraphs.map((p) => {
    const n = (seen.get(p.number) ?? 0) + 1;
    seen.set(p.number, n);
    return n === 1 ? `p${p.number}` : `p${p.number}-${n}`;
  });
}

export function ProtectBanner(props: { cable: Cable }) {
  const markers = props.cable.protect;
  if (markers.length === 0) return null;
  const strict = markers.some((m) => m.marker === "STRICTLY PROTECT");
  const paragraphs = [...new Set(markers.map((m) => m.paragraph).filter((p) => p !== null))];
  return (
    <div class="protect-banner" role="alert">
      <strong>{strict ? "STRICTLY PROTECT" : "PROTECT"}</strong> — this cable marks{" "}
      {markers.length === 1 ? "a source" : `${markers.length} sources`} for protection: it names
      people who may be at risk. Handle with care.
      {paragraphs.length ? (
        <span>
          {" "}
          See{" "}
          {paragraphs.map((p) => (
            <>
              <a href={`#p${p}`}>¶{p}</a>{" "}
            </>
          ))}
        </span>
      ) : null}
    </div>
  );
}

export function Paragraphs(props: { cable: Cable; mentions?: MentionMatcher }) {
  const { cable } = props;
  const anchors = paragraphAnchors(cable.paragraphs);
  const protectedParas = new Map<number, string>();
  for (const m of cable.protect) {
    if (m.paragraph !== null && protectedParas.get(m.paragraph) !== "STRICTLY PROTECT") {
      protectedParas.set(m.paragraph, m.marker);
    }
  }
  return (
    <div class="paragraphs">
      {cable.paragraphs.map((p, i) => {
        const marker = protectedParas.get(p.number);
        return (
          <section id={anchors[i]} class={marker ? "para protected" : "para"}>
            {p.heading ? <h3>{p.heading}</h3> : null}
            <p>
              <a class="pnum" href={`#${anchors[i]}`} title="link to this paragraph">
                {p.number}.
              </a>{" "}
              {p.marking ? (
                <>
                  <MarkingBadge marking={p.marking} />{" "}
                </>
              ) : null}
              {marker ? (
                <>
                  <span class="badge protect">{marker}</span>{" "}
                </>
              ) : null}
              <MentionText text={p.text} matcher={props.mentions} />
            </p>
          </section>
        );
      })}
    </div>
  );
}

/**
 * The text as transmitted: inline when no numbered paragraphs were found (it is then the only
 * text), else a link to the plain-text copy, which keeps the page half the size.
 */
export function FullText(props: { cable: Cable; textUrl: string }) {
  if (props.cable.paragraphs.length === 0) {
    return (
      <section class="fulltext" aria-label="full text">
        <pre>{props.cable.body}</pre>
      </section>
    );
  }
  return (
    <p class="fulltext">
      <a href={props.textUrl}>Full text as transmitted</a> (plain text)
    </p>
  );
}
