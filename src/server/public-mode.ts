/**
 * Public mode's last line (`serve --public`): every text answer that is about a cable protecting a
 * person — its id is in the answer or in the URL — has that person's names masked with one fixed
 * token (src/store/entities-mask.ts), whatever route made it: reader, JSON, snippets, lists,
 * exports (masked chunk by chunk as they stream), GEXF, pages added later. Done here, on the
 * server, so the names never reach the client. The search and entity layers already keep the
 * names from leading to those cables (src/search/entity-visibility.ts, src/store/entities-read.ts);
 * this makes sure no text about the cables carries them.
 *
 * An answer about several cables is masked with the names of every protecting cable in it, so a
 * cable naming the same person without protection is masked too when it is listed beside one that
 * protects them (on its own page it shows the name): erring on the side of the person.
 */
import type { MiddlewareHandler } from "hono";
import { type Masker, masker } from "../store/entities-mask.js";
import type { ProtectedIndex, ProtectingCable } from "../store/entities-public.js";
import { urlCableId } from "./data/cable.js";

/** Canonical cable ids as answers write them (`05ALMATY2121`, `09STATE12345`). */
const IDS = /(?<![A-Za-z0-9])\d{2}[A-Z][A-Z0-9]*?\d+(?![0-9])/g;

/** Every text answer, citation files included (BibTeX, RIS): what is not masked must be binary. */
const TEXT_TYPES =
  /^(text\/|application\/(?:[\w.+-]*json|[\w.+-]*xml|x-ndjson|x-bibtex|x-research-info-systems))/;

function about(index: ProtectedIndex, texts: string[], named: string[]): ProtectingCable[] {
  if (index.byReference.size === 0) return [];
  const found = new Set<ProtectingCable>();
  for (const id of named) {
    const p = index.byReference.get(id);
    if (p) found.add(p);
  }
  for (const t of texts) {
    for (const m of t.matchAll(IDS)) {
      const p = index.byReference.get(m[0]);
      if (p) found.add(p);
    }
  }
  return [...found];
}

function combined(cables: ProtectingCable[]): Masker {
  return cables.length === 1
    ? cables[0]!.masker
    : masker(
        cables.flatMap((p) => p.masked),
        cables.flatMap((p) => p.roles),
      );
}

/**
 * Masks one text for the protecting cables it (or the URL) is about. `named`: the ids the URL
 * gives in any form a route accepts (urlIds), since such an answer need not hold the canonical id.
 */
export function maskAnswer(
  index: ProtectedIndex,
  text: string,
  url = "",
  named: string[] = [],
): string {
  const cables = about(index, [text, decodeSafe(url)], named);
  return cables.length === 0 ? text : combined(cables).mask(text);
}

/**
 * The cables a URL names in any form the routes resolve (`/cables/08tripoli564/text`,
 * `2008 Tripoli 564`, `08-TRIPOLI-000564`): path segments and query values read as ids.
 */
export function urlIds(url: URL): string[] {
  const out: string[] = [];
  for (const part of [...url.pathname.split("/").map(decodeSafe), ...url.searchParams.values()]) {
    if (part.length > 80 || !/\d/.test(part)) continue;
    const id = urlCableId(part);
    if (id) out.push(id);
  }
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function maskStream(
  index: ProtectedIndex,
  body: ReadableStream<Uint8Array>,
  url: string,
  named: string[],
) {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = decoder.decode(chunk, { stream: true });
        if (text) controller.enqueue(encoder.encode(maskAnswer(index, text, url, named)));
      },
      flush(controller) {
        const rest = decoder.decode();
        if (rest) controller.enqueue(encoder.encode(maskAnswer(index, rest, url, named)));
      },
    }),
  );
}

/**
 * The masking middleware; `protectedIndex` gives the archive's protecting cables as of now (each
 * back end keeps it per archive state), read after the answer is made so it is never older.
 */
export function publicMasking(protectedIndex: () => Promise<ProtectedIndex>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("content-type") ?? "";
    if (!res.body || !TEXT_TYPES.test(type)) return;
    const index = await protectedIndex();
    const url = new URL(c.req.url);
    const where = url.pathname + url.search;
    const named = urlIds(url);
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    headers.delete("etag");
    if (
      headers.get("cache-control") === "no-store" ||
      type.includes("ndjson") ||
      type.includes("csv") ||
      type.includes("gexf")
    ) {
      c.res = new Response(maskStream(index, res.body, where, named), {
        status: res.status,
        headers,
      });
      return;
    }
    const text = await res.text();
    const masked = maskAnswer(index, text, where, named);
    c.res = new Response(masked, { status: res.status, headers });
  };
}
