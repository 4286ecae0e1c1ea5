/**
 * Entities in the reader: the names a cable's paragraphs write, each a link to its entity's page
 * (highlighted), and the panel listing the cable's people, organisations and places. Public mode
 * has already left out the persons the cable protects (src/store/entities-read.ts).
 */
import type { CableMention } from "../../store/entities-read.js";

const TITLES = { person: "People", org: "Organisations", place: "Places" } as const;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface MentionMatcher {
  re: RegExp | null;
  byForm: Map<string, CableMention>;
}

/** One pattern for every form of the mentions, longest first, matched as whole words. */
export function mentionMatcher(mentions: readonly CableMention[]): MentionMatcher {
  const byForm = new Map<string, CableMention>();
  for (const m of mentions) {
    if (!m.entityId) continue;
    for (const f of [m.name, ...m.variants]) {
      if (f.trim().length >= 2 && !byForm.has(f)) byForm.set(f, m);
    }
  }
  if (byForm.size === 0) return { re: null, byForm };
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  return {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.join("|")})(?![\\p{L}\\p{N}])`, "gu"),
    byForm,
  };
}

/** Text with each written form of a mention as a link to its entity. */
export function MentionText(props: { text: string; matcher: MentionMatcher | undefined }) {
  const { text, matcher } = props;
  if (!matcher?.re) return <>{text}</>;
  const parts: (string | ReturnType<typeof MentionLink>)[] = [];
  let at = 0;
  for (const m of text.matchAll(matcher.re)) {
    const mention = matcher.byForm.get(m[0]);
    if (!mention?.entityId) continue;
    parts.push(text.slice(at, m.index));
    parts.push(<MentionLink mention={mention} text={m[0]} />);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function MentionLink(props: { mention: CableMention; text: string }) {
  return (
    <a
      class={`mention mention-${props.mention.type}`}
      href={`/entities/${encodeURIComponent(props.mention.entityId!)}`}
      data-entity={props.mention.entityId!}
    >
      {props.text}
    </a>
  );
}

/** The cable's people, organisations and places, each linked to its page. */
export function EntityPanel(props: { mentions: readonly CableMention[] }) {
  if (props.mentions.length === 0) return null;
  return (
    <section class="entities-panel" aria-label="people, organisations and places">
      {(["person", "org", "place"] as const).map((type) => {
        const list = props.mentions.filter((m) => m.type === type);
        if (list.length === 0) return null;
        return (
          <>
            <h2>{TITLES[type]}</h2>
            <ul>
              {list.map((m) => (
                <li>
                  {m.entityId ? (
                    <a href={`/entities/${encodeURIComponent(m.entityId)}`}>{m.name}</a>
                  ) : (
                    m.name
                  )}
                  {m.roles.length ? <span class="hint"> {m.roles.join(", ")}</span> : null}
                </li>
              ))}
            </ul>
          </>
        );
      })}
    </section>
  );
}
