/**
 * A conversation around one cable, as a timeline across posts: what it cites (the instruction it
 * answers), what cites it (the replies), and what cites the replies (the follow-ups); who answered,
 * how fast, and which addressed posts never did — in this archive, which holds only part of the
 * traffic (src/analytics/coverage.ts says how much).
 */
import { addresseeOf, senderOf } from "./posts.js";
import type { AnalyticsSource, ThreadCable } from "./source.js";
import type { Table } from "./table.js";

export type ThreadRole = "cited" | "root" | "reply" | "follow-up";

export interface ThreadMessage {
  referenceId: string;
  role: ThreadRole;
  /** Whether the archive holds it (cited cables may be missing). */
  held: boolean;
  post: string | null;
  created: string | null;
  subject: string | null;
  /** Days from the root cable to this one (negative before it); null without dates. */
  days: number | null;
  /** For replies and follow-ups: the cable it cites that brought it in. */
  via: string | null;
}

export interface ThreadAnswer {
  post: string;
  first: string;
  days: number | null;
  replies: number;
}

export interface Thread {
  root: string;
  messages: ThreadMessage[];
  answered: ThreadAnswer[];
  /** Posts the root addressed (TO or INFO) that sent no reply held in the archive. */
  silent: { post: string; role: "to" | "info" }[];
}

type Meta = ThreadCable;

/** Most replies and follow-ups listed (a much-cited cable can have hundreds). */
export const THREAD_LIMIT = 500;

function days(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const d = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return Number.isNaN(d) ? null : Math.round(d * 10) / 10;
}

/** The thread of a cable held in the archive, or null when it is not held. */
export async function thread(src: AnalyticsSource, referenceId: string): Promise<Thread | null> {
  const root = await src.threadCable(referenceId);
  if (!root) return null;
  const cites = await src.citesOf(root.id);
  const message = (m: Meta, role: ThreadRole, via: string | null): ThreadMessage => ({
    referenceId: m.referenceId,
    role,
    held: true,
    post: senderOf(m.origin, m.station),
    created: m.created,
    subject: m.subject,
    days: days(root.created, m.created),
    via,
  });
  const messages: ThreadMessage[] = [message(root, "root", null)];
  const seen = new Set([root.referenceId]);
  for (const target of cites) {
    if (seen.has(target)) continue;
    seen.add(target);
    const m = await src.threadCable(target);
    messages.push(
      m
        ? message(m, "cited", null)
        : {
            referenceId: target,
            role: "cited",
            held: false,
            post: null,
            created: null,
            subject: null,
            days: null,
            via: null,
          },
    );
  }
  const replies = (await src.citing(root.referenceId, THREAD_LIMIT)).filter(
    (m) => !seen.has(m.referenceId),
  );
  for (const r of replies) {
    seen.add(r.referenceId);
    messages.push(message(r, "reply", root.referenceId));
  }
  for (const r of replies) {
    for (const f of await src.citing(r.referenceId, THREAD_LIMIT)) {
      if (seen.has(f.referenceId) || messages.length >= THREAD_LIMIT * 2) continue;
      seen.add(f.referenceId);
      messages.push(message(f, "follow-up", r.referenceId));
    }
  }
  messages.sort((a, b) => {
    const x = a.created ?? "";
    const y = b.created ?? "";
    return x < y ? -1 : x > y ? 1 : a.referenceId < b.referenceId ? -1 : 1;
  });

  const answered = new Map<string, ThreadAnswer>();
  for (const m of messages) {
    if (m.role !== "reply" || !m.post) continue;
    const a = answered.get(m.post);
    if (a) a.replies++;
    else answered.set(m.post, { post: m.post, first: m.referenceId, days: m.days, replies: 1 });
  }
  const addressed = await src.addressed(root.id);
  const rootPost = senderOf(root.origin, root.station);
  const silent: Thread["silent"] = [];
  const listed = new Set<string>();
  for (const r of addressed) {
    const a = addresseeOf(r.name, r.route);
    if (a.kind !== "post" || a.post === rootPost || answered.has(a.post) || listed.has(a.post)) {
      continue;
    }
    listed.add(a.post);
    silent.push({ post: a.post, role: r.role });
  }
  return { root: root.referenceId, messages, answered: [...answered.values()], silent };
}

export function threadTable(t: Thread): Table {
  return {
    name: "thread",
    title: `Thread of ${t.root}: what it cites, what answers it, and the follow-ups`,
    columns: ["cable", "role", "held", "post", "created", "days from root", "via", "subject"],
    rows: t.messages.map((m) => [
      m.referenceId,
      m.role,
      m.held ? "yes" : "no",
      m.post,
      m.created,
      m.days,
      m.via,
      m.subject,
    ]),
  };
}
