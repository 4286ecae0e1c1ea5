/**
 * The Host header allow-list. A private archive on loopback is only private if a web page from
 * elsewhere cannot reach it: with DNS rebinding, `evil.example` resolves to 127.0.0.1 and the
 * browser sends `Host: evil.example`. Answering only the host names the server was told about
 * (loopback names by default, `--allowed-host` and the `--base-url` host added) closes that door.
 */
import type { MiddlewareHandler } from "hono";
import { ProblemError } from "./problem.js";

/** Names a browser on this machine uses for loopback. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** `Example.ORG.` → `example.org`, `::1` → `[::1]`: the form hosts are compared in. */
export function normalizeHostName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, "");
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower;
}

/** The host name of a Host header value (`example.org:8080` → `example.org`), or null if malformed. */
export function hostName(header: string): string | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/.exec(header.trim());
  return m ? normalizeHostName(m[1]!) : null;
}

/** The set of accepted names: loopback, the extra names given, the host of the base URL. */
export function allowedHostSet(extra: readonly string[] = [], baseUrl?: string): Set<string> {
  const names = new Set(LOOPBACK_HOSTS);
  for (const n of extra) names.add(normalizeHostName(n));
  if (baseUrl) names.add(normalizeHostName(new URL(baseUrl).hostname));
  return names;
}

/**
 * Refuses requests whose Host is not on the list with 421 Misdirected Request: the answer a
 * server gives when it is not the one the name was meant for. A missing or malformed Host is 400.
 */
export function hostAllowList(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("host") ?? new URL(c.req.url).host;
    const name = hostName(header);
    if (name === null) throw new ProblemError(400, "the Host header is missing or malformed");
    if (!allowed.has(name)) {
      throw new ProblemError(
        421,
        `this server does not answer for the host '${name.slice(0, 100)}' (start it with --allowed-host ${name.slice(0, 100)} to allow it)`,
      );
    }
    await next();
  };
}
