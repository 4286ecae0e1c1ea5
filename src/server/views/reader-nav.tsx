/**
 * The top of the reader: previous / next cable of the same station (by year and serial) and of
 * the result list the reader came from, and the partial-extract flag, where a reader on a phone
 * sees them before the text rather than thousands of pixels down in the side panel.
 */
import type { ResultNav, StationNav } from "../data/reader-nav.js";
import { cableUrl, count } from "./format.js";

export function PartialFlag(props: { partial: boolean }) {
  if (!props.partial) return null;
  return (
    <p class="partial-flag" role="note">
      <strong>Partial extract:</strong> the source holds only part of this cable's text; what is
      missing was never released.
    </p>
  );
}

export function ReaderNav(props: {
  station: StationNav | null;
  results: ResultNav | null;
  /** `?q=...` of the result list, or "". */
  context: string;
}) {
  const { station, results, context } = props;
  if (!station && !results) return null;
  return (
    <nav class="reader-nav" aria-label="previous and next cables">
      {results ? (
        <span class="results-nav">
          {results.prev ? (
            <a href={`${cableUrl(results.prev)}${context}`} rel="prev" data-nav="result-prev">
              ‹ Previous result
            </a>
          ) : null}{" "}
          <a class="where" href={`/search${context}`}>
            Result {count(results.position)} of {count(results.total)}
          </a>{" "}
          {results.next ? (
            <a href={`${cableUrl(results.next)}${context}`} rel="next" data-nav="result-next">
              Next result ›
            </a>
          ) : null}
        </span>
      ) : null}
      {station ? (
        <span class="station-nav">
          <span class="where">{station.station} by serial:</span> ‹{" "}
          {station.prev ? (
            <a href={cableUrl(station.prev)} data-nav="station-prev" class="cable-id">
              {station.prev}
            </a>
          ) : (
            <span class="where">first</span>
          )}{" "}
          ·{" "}
          {station.next ? (
            <a href={cableUrl(station.next)} data-nav="station-next" class="cable-id">
              {station.next}
            </a>
          ) : (
            <span class="where">last</span>
          )}{" "}
          ›
        </span>
      ) : null}
    </nav>
  );
}
