/** `/tags`: the TAGS glossary — every TAG of the archive by kind, with its meaning and count. */
import type { Hono } from "hono";
import type { TagKind } from "../../reference/tags.js";
import { type TagEntry, type TagsData, tagsData } from "../data/tags.js";
import { browseUrl, count } from "../views/format.js";
import { Layout, type ViewContext } from "../views/layout.js";
import { type Deps, respond, viewContext } from "./page.js";

const KINDS: [TagKind, string][] = [
  ["subject", "Subject TAGS"],
  ["program", "Program TAGS (K...)"],
  ["geo", "Geographic TAGS"],
  ["org", "Organisations"],
  ["person", "People"],
  ["unknown", "Unrecognised TAGS"],
];

function TagTable(props: { tags: TagEntry[] }) {
  return (
    <table class="glossary">
      <thead>
        <tr>
          <th>TAG</th>
          <th>Meaning</th>
          <th>Category</th>
          <th class="n">Cables</th>
        </tr>
      </thead>
      <tbody>
        {props.tags.map((t) => (
          <tr id={`tag-${t.tag.replace(/[^A-Za-z0-9]+/g, "-")}`}>
            <td>
              <a href={browseUrl("tag", t.tag)}>
                <code>{t.tag}</code>
              </a>
            </td>
            <td>{t.meaning ?? ""}</td>
            <td>{t.category ?? ""}</td>
            <td class="n">{count(t.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TagsPage(props: { ctx: ViewContext; data: TagsData }) {
  return (
    <Layout ctx={props.ctx} title="TAGS glossary" section="tags">
      <h1>TAGS glossary</h1>
      <p>
        {count(props.data.total)} TAGS in the archive. TAGS (Traffic Analysis by Geography and
        Subject) index every cable; meanings come from the Foreign Affairs Manual and PlusD.
      </p>
      <nav class="toc">
        {KINDS.map(([kind, title]) => (
          <>
            <a href={`#${kind}`}>{title}</a>{" "}
          </>
        ))}
      </nav>
      {KINDS.map(([kind, title]) => {
        const tags = props.data.tags.filter((t) => t.kind === kind);
        return tags.length === 0 ? null : (
          <section id={kind}>
            <h2>
              {title} ({tags.length})
            </h2>
            <TagTable tags={tags} />
          </section>
        );
      })}
    </Layout>
  );
}

export function registerTags(app: Hono, deps: Deps): void {
  app.get("/tags", async (c) => {
    const data = await tagsData(deps.archive);
    return respond(c, data, () => <TagsPage ctx={viewContext(c, deps)} data={data} />);
  });
}
