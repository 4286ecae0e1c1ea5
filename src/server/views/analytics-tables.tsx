/**
 * The chart forms the analytics views share, all server-rendered so they read without JavaScript,
 * each with its data as an accessible table and as CSV: count bars (SVG, one link per bar), a
 * heatmap matrix (a table whose cells are shaded by class: inline styles are forbidden by the
 * Content-Security-Policy) and the plain data table. src/server/client/analytics.ts draws the
 * timelines with uPlot from the same tables.
 */
import type { Cell, Matrix, Table } from "../../analytics/table.js";
import { count } from "./format.js";

function show(c: Cell): string {
  if (c === null) return "";
  return typeof c === "number" ? (Number.isInteger(c) ? count(c) : String(c)) : c;
}

/** Id of a table element, for links and the client. */
export function tableId(name: string): string {
  return `table-${name}`;
}

export function CsvLink(props: { href: string }) {
  return (
    <a class="csv" href={props.href} download="">
      CSV
    </a>
  );
}

/** A table of the analysis; `link(row, col)` may make a cell a link (drill-down). */
export function DataTable(props: {
  table: Table;
  csv: string;
  link?: (row: Cell[], col: number) => string | null;
  caption?: string;
}) {
  const t = props.table;
  return (
    <div class="table-wrap">
      <table class="data" id={tableId(t.name)}>
        <caption>
          {props.caption ?? t.title} <CsvLink href={props.csv} />
        </caption>
        <thead>
          <tr>
            {t.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row) => (
            <tr>
              {row.map((c, i) => {
                const href = props.link?.(row, i) ?? null;
                const text = show(c);
                const cls = typeof c === "number" ? "n" : undefined;
                return i === 0 ? (
                  <th scope="row" class={cls}>
                    {href ? <a href={href}>{text}</a> : text}
                  </th>
                ) : (
                  <td class={cls}>{href ? <a href={href}>{text}</a> : text}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Horizontal bars of a two-column count table (label, count): an HTML list, so labels stay text at
 * any width, with each bar a small SVG scaled to its share of the largest; every label a link when
 * `href` gives one. The table view follows in a disclosure.
 */
export function Bars(props: {
  table: Table;
  csv: string;
  href?: (label: string) => string | null;
  limit?: number;
}) {
  const t = props.table;
  const rows = t.rows.slice(0, props.limit ?? 25);
  const max = Math.max(1, ...rows.map((r) => Number(r[1]) || 0));
  return (
    <figure class="chart bars" data-chart="bars">
      <figcaption>
        {t.title} <CsvLink href={props.csv} />
      </figcaption>
      <ol class="bars" aria-label={t.title}>
        {rows.map((r) => {
          const label = String(r[0] ?? "");
          const n = Number(r[1]) || 0;
          const href = props.href?.(label) ?? null;
          const w = n === 0 ? 0 : Math.max(0.5, (n / max) * 100);
          return (
            <li>
              <span class="label">{href ? <a href={href}>{label}</a> : label}</span>
              <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect x={0} y={0} width={w.toFixed(2)} height={10} />
              </svg>
              <span class="n">{count(n)}</span>
            </li>
          );
        })}
      </ol>
      {t.rows.length > rows.length ? (
        <p class="more">{t.rows.length - rows.length} more in the table view and the CSV.</p>
      ) : null}
      <TableView
        table={t}
        csv={props.csv}
        link={(row, col) => (col === 0 && props.href ? props.href(String(row[0] ?? "")) : null)}
      />
    </figure>
  );
}

/** A DataTable folded under "Table view" (or `summary`), below the chart that draws its data. */
export function TableView(props: Parameters<typeof DataTable>[0] & { summary?: string }) {
  const { summary, ...table } = props;
  return (
    <details class="table-view">
      <summary>{summary ?? "Table view"}</summary>
      <DataTable {...table} />
    </details>
  );
}

/** Shade class of a cell: six steps of its share of the matrix's largest cell. */
function shade(n: number, max: number): string {
  if (n === 0) return "h0";
  return `h${Math.min(5, 1 + Math.floor((n / max) * 4.999))}`;
}

/**
 * A matrix as a heatmap table: rows × columns with row and column totals; a non-empty cell links
 * to its cables when `href(row, col)` gives a URL. The table is the chart.
 */
export function Heatmap(props: {
  matrix: Matrix;
  csv: string;
  href?: (row: string, col: string) => string | null;
}) {
  const m = props.matrix;
  const max = Math.max(1, ...m.cells.flat());
  const colTotals = m.cols.map((_, j) => m.cells.reduce((s, row) => s + row[j]!, 0));
  return (
    <figure class="chart heatmap" data-chart="heatmap">
      <div class="table-wrap">
        <table class="matrix" id={tableId(m.name)}>
          <caption>
            {m.title}: {count(m.total)} in all <CsvLink href={props.csv} />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {m.rowLabel} \ {m.colLabel}
              </th>
              {m.cols.map((c) => (
                <th scope="col">{c}</th>
              ))}
              <th scope="col">total</th>
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r, i) => (
              <tr>
                <th scope="row">{r}</th>
                {m.cols.map((c, j) => {
                  const n = m.cells[i]![j]!;
                  const href = n > 0 ? (props.href?.(r, c) ?? null) : null;
                  return (
                    <td class={`n ${shade(n, max)}`}>
                      {href ? (
                        <a href={href} aria-label={`${r}, ${c}: ${n}`}>
                          {count(n)}
                        </a>
                      ) : (
                        count(n)
                      )}
                    </td>
                  );
                })}
                <td class="n total">{count(m.cells[i]!.reduce((a, b) => a + b, 0))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">total</th>
              {colTotals.map((n) => (
                <td class="n total">{count(n)}</td>
              ))}
              <td class="n total">{count(m.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}
