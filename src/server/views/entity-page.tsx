/**
 * The page of one person, organisation or place — name forms, roles over time, posts, cables with
 * the paragraphs naming it, co-mentioned entities, a monthly histogram, and the evidence that
 * joined its mentions — and the list of entities found by name.
 */
import type { EntityDetail, EntitySummary, Related } from "../../store/entities-read.js";
import { cableUrl, count, day } from "./format.js";
import { Histogram } from "./histogram.js";
import { Layout, type ViewContext } from "./layout.js";

const TYPE_LABEL: Record<string, string> = {
  person: "Person",
  org: "Organisation",
  place: "Place",
};

const FIELD: Record<string, string> = { person: "person", org: "org", place: "place" };

export function entityUrl(id: string): string {
  return `/entities/${encodeURIComponent(id)}`;
}

export function searchFor(type: string, id: string, extra = ""): string {
  return `/search?q=${encodeURIComponent(`${FIELD[type] ?? "person"}:${id}${extra}`)}`;
}

function RelatedList(props: { title: string; items: Related[] }) {
  if (props.items.length === 0) return null;
  return (
    <section class="entity-related">
      <h2>{props.title}</h2>
      <ul class="counts">
        {props.items.map((r) => (
          <li>
            <a href={entityUrl(r.id)}>{r.name}</a>
            <span class="n" title="cables naming both">
              {count(r.cables)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function years(from: string | null, to: string | null): string {
  const a = from?.slice(0, 4) ?? "";
  const b = to?.slice(0, 4) ?? "";
  return a === b ? a : `${a}–${b}`;
}

export function EntityPage(props: { ctx: ViewContext; data: EntityDetail }) {
  const e = props.data;
  return (
    <Layout ctx={props.ctx} title={e.name}>
      <article class="entity" data-entity={e.id}>
        <header>
          <p class="entity-type">{TYPE_LABEL[e.type] ?? e.type}</p>
          <h1>{e.name}</h1>
          <p>
            Named in <a href={searchFor(e.type, e.id)}>{count(e.cables)} cables</a>
            {e.firstCreated ? ` (${years(e.firstCreated, e.lastCreated)})` : ""} ·{" "}
            <code>{e.id}</code> · <a href={`/api/entities/${encodeURIComponent(e.id)}`}>JSON</a>
          </p>
          {e.stale ? (
            <p class="entity-stale" role="status">
              {e.stale.notice} To make them current, run <code>{e.stale.rebuild}</code> on the
              server (a server that may write builds them when it starts).
            </p>
          ) : null}
        </header>
        <Histogram
          months={e.months}
          href={(from, to) => searchFor(e.type, e.id, ` created:${from}..${to}`)}
          label={`Cables naming ${e.name} per month`}
          draggable={false}
        />
        <div class="entity-columns">
          <div>
            <section class="entity-forms">
              <h2>Name forms</h2>
              <ul class="counts">
                {e.forms.map((f) => (
                  <li>
                    <span class="form">{f.form}</span>
                    <span class="n">{count(f.cables)}</span>
                  </li>
                ))}
              </ul>
            </section>
            {e.roles.length > 0 ? (
              <section class="entity-roles">
                <h2>Roles</h2>
                <ol class="timeline">
                  {e.roles.map((r) => (
                    <li>
                      <strong>{r.role}</strong> {years(r.from, r.to)}
                      {r.stations.length ? ` · ${r.stations.join(", ")}` : ""} · {count(r.cables)}{" "}
                      cables
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
            {e.posts.length > 0 ? (
              <section class="entity-posts">
                <h2>Posts</h2>
                <ul class="counts">
                  {e.posts.slice(0, 20).map((p) => (
                    <li>
                      <span>{p.station}</span>
                      <span class="n">{count(p.cables)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <section class="entity-evidence">
              <h2>Why these mentions are one {TYPE_LABEL[e.type]?.toLowerCase()}</h2>
              <ul class="counts">
                {e.evidence.map((x) => (
                  <li>
                    <span>{x.link}</span>
                    <span class="n">{count(x.cables)}</span>
                  </li>
                ))}
              </ul>
              <p class="hint">
                Full names match on given name and surname; a surname alone joins them only when the
                cables link it (same post within two years, the same role, or an initial that leaves
                one candidate). Each cable below says which rule placed it.
              </p>
            </section>
          </div>
          <div>
            <RelatedList title="People named with" items={e.coPersons} />
            <RelatedList title="Organisations named with" items={e.coOrganizations} />
            <RelatedList title="Places named with" items={e.coPlaces} />
          </div>
        </div>
        <section class="entity-cables">
          <h2>Cables</h2>
          <ol class="hits">
            {e.cableList.map((c) => (
              <li class="hit">
                <div class="hit-head">
                  <a class="cable-id" href={cableUrl(c.referenceId)}>
                    {c.referenceId}
                  </a>{" "}
                  <time>{day(c.created)}</time> <span class="origin">{c.station ?? ""}</span>
                  {c.protected ? (
                    <span
                      class="badge protect"
                      title="the cable protects this person, or one whose name shares a word with theirs"
                    >
                      withheld in public
                    </span>
                  ) : null}
                </div>
                <p class="hit-subject">{c.subject ?? "(no subject)"}</p>
                <p class="entity-mention">
                  {[c.name, ...c.variants].join(" · ")}
                  {c.roles.length ? ` — ${c.roles.join(", ")}` : ""} · paragraphs{" "}
                  {c.paragraphs.map((n, i) => (
                    <>
                      {i > 0 ? ", " : ""}
                      <a href={cableUrl(c.referenceId, n === 0 ? null : n)}>
                        {n === 0 ? "header" : `¶${n}`}
                      </a>
                    </>
                  ))}{" "}
                  · <span class="hint">{c.link}</span>
                </p>
              </li>
            ))}
          </ol>
          {e.next || e.cableList.length < e.cables ? (
            <p class="entity-more">
              {e.next ? (
                <>
                  <a rel="next" href={`${entityUrl(e.id)}?after=${encodeURIComponent(e.next)}`}>
                    More cables
                  </a>
                  {" · "}
                </>
              ) : null}
              <a href={searchFor(e.type, e.id)}>All {count(e.cables)} cables as a search</a>
            </p>
          ) : null}
        </section>
      </article>
    </Layout>
  );
}

export function EntityListPage(props: {
  ctx: ViewContext;
  q: string;
  type: string | null;
  entities: EntitySummary[];
}) {
  return (
    <Layout ctx={props.ctx} title={props.q ? `Entities: ${props.q}` : "Entities"}>
      <section class="entities">
        <h1>People, organisations and places</h1>
        <form action="/entities" method="get" class="entity-search">
          <input type="search" name="q" value={props.q} aria-label="Name" maxlength={200} />
          <select name="type" aria-label="Type">
            <option value="">all</option>
            {Object.entries(TYPE_LABEL).map(([v, label]) => (
              <option value={v} selected={props.type === v}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit">Find</button>
        </form>
        {props.entities.length === 0 ? (
          <p class="empty">No entities.</p>
        ) : (
          <ul class="counts entity-list">
            {props.entities.map((e) => (
              <li>
                <a href={entityUrl(e.id)}>{e.name}</a>{" "}
                <span class="hint">{TYPE_LABEL[e.type]}</span>
                <span class="n">{count(e.cables)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
