/**
 * Debian's chromium for the browser tests, launched one way: the flags this machine needs (its
 * network is closed, so every background connection Chromium tries is turned off), a desktop
 * viewport, and pages that collect console and page errors for the tests to assert on.
 */
import { existsSync } from "node:fs";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(
  profile: string,
  extra: { args?: string[]; acceptDownloads?: boolean } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...FLAGS, ...(extra.args ?? [])],
    viewport: { width: 1280, height: 900 },
    ...(extra.acceptDownloads ? { acceptDownloads: true } : {}),
  });
}

/**
 * A new page whose console errors (except those `ignore` matches) and uncaught page errors are
 * pushed onto `problems`.
 */
export async function watchedPage(
  context: BrowserContext,
  problems: string[],
  ignore?: RegExp,
): Promise<Page> {
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !ignore?.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return page;
}
