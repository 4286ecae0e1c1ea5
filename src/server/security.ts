/**
 * Headers and request checks that hold for every answer. Cable text is untrusted: besides escaping
 * everything it renders, the server forbids inline scripts and styles outright with a
 * Content-Security-Policy, so text that slipped through as markup still could not run.
 */
import type { MiddlewareHandler } from "hono";
import { MAX_URL } from "./params.js";
import { ProblemError } from "./problem.js";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

/**
 * Answers built with SECURITY_HEADERS already in place (the response cache's): setting them again
 * would turn the answer's plain header record into a Headers object, a cost on every cache hit.
 */
export const SECURED = new WeakSet<Response>();

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (SECURED.has(c.res)) return;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  };
}

/**
 * Only reads exist: GET and HEAD. Anything else is refused before routing, so no handler can be
 * reached by a write method by accident, whatever the flags.
 */
export function readOnlyMethods(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      throw new ProblemError(405, `${c.req.method} is not supported: this server only reads`);
    }
    await next();
  };
}

/** Refuses oversized request targets with 414 before anything parses them. */
export function urlLimit(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const target = url.length - new URL(url).origin.length;
    if (target > MAX_URL) {
      throw new ProblemError(
        414,
        `the request target is ${target} characters long; at most ${MAX_URL}`,
      );
    }
    await next();
  };
}
