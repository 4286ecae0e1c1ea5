/** The shared page frame: head (stylesheet, scripts), the header with the search box, the footer. */
import type { Child } from "hono/jsx";
import type { AssetName, Assets } from "../assets.js";

export interface ViewContext {
  assets: Assets;
  /** The configured base URL (`http://127.0.0.1:8080`), for permalinks; never the Host header. */
  origin: string;
  /**
   * Whether the views that read SQLite only so far are there (analytics, entities, reference
   * graphs): false on an archive on PostgreSQL, where links to them are left out.
   */
  sqliteViews: boolean;
}

export interface LayoutProps {
  ctx: ViewContext;
  title: string;
  /** The query shown in the header's search box. */
  q?: string;
  scripts?: AssetName[];
  /** Stylesheets besides style.css. */
  styles?: AssetName[];
  /** Current section, for the navigation. */
  section?: "home" | "search" | "browse" | "tags" | "cable" | "analytics";
  /** Where the skip link leads (default: the main content). */
  skip?: { to: string; label: string };
  children?: Child;
}

export function Layout(props: LayoutProps) {
  const { ctx } = props;
  const css = ctx.assets.url("style.css");
  const nav = (href: string, label: string, section: LayoutProps["section"]) => (
    <a href={href} aria-current={props.section === section ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title} · Cablegram</title>
        {css ? <link rel="stylesheet" href={css} /> : null}
        {(props.styles ?? []).map((s) => {
          const href = ctx.assets.url(s);
          return href ? <link rel="stylesheet" href={href} /> : null;
        })}
        {(props.scripts ?? []).map((s) => {
          const src = ctx.assets.url(s);
          return src ? <script type="module" src={src} /> : null;
        })}
      </head>
      <body>
        <a class="skip" href={`#${props.skip?.to ?? "main"}`}>
          {props.skip?.label ?? "Skip to content"}
        </a>
        <header class="site">
          <a class="brand" href="/">
            Cablegram
          </a>
          {props.section === "search" ? null : (
            <form class="quick" action="/search" method="get">
              <input
                type="search"
                name="q"
                value={props.q ?? ""}
                placeholder={'Search: words, "phrases", tag:PGOV, 09TRIPOLI208'}
                aria-label="Search the cables"
                maxlength={4000}
              />
              <button type="submit">Search</button>
            </form>
          )}
          <nav>
            {nav("/search", "Search", "search")}
            {nav("/browse", "Browse", "browse")}
            {nav("/tags", "TAGS", "tags")}
            {nav("/analytics", "Analytics", "analytics")}
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          Cablegram · read-only archive of US State Department cables ·{" "}
          <a href="/api/openapi.json">API</a>
        </footer>
      </body>
    </html>
  );
}
