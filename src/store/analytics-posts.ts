/**
 * Addressees as posts. An addressee line names a post (`AMEMBASSY TIRANA`), a collective
 * (`ARAB ISRAELI COLLECTIVE`) or an agency (`CIA WASHINGTON DC`), and may carry a routing
 * indicator (`RUEHTI`) that the routing table of data/reference turns into a plain-language address
 * when the name is missing or garbled. Posts are named by their canonical station, so a flow from
 * `Embassy Tirana` and an addressee `AMEMBASSY TIRANA` meet on `TIRANA`.
 */
import { referenceTable } from "../reference/reference-data.js";
import { knownStation, stationFromOrigin } from "../reference/stations.js";

export type AddresseeKind = "post" | "collective" | "other";

export interface Addressee {
  /** Canonical station for posts, else the name as written (spaces collapsed). */
  post: string;
  kind: AddresseeKind;
}

let routes: Map<string, string> | undefined;

/** Plain-language address of a routing indicator (`RUEHC` → `SECSTATE WASHDC`), or null. */
export function routeAddress(route: string | null): string | null {
  if (!route) return null;
  routes ??= new Map(
    referenceTable("routing-indicators.csv").map((r) => [
      (r.routing_indicator ?? "").toUpperCase(),
      r.plain_language_address ?? "",
    ]),
  );
  return routes.get(route.toUpperCase()) || null;
}

const memo = new Map<string, Addressee>();
const MEMO_LIMIT = 50_000;

/** The post (or collective, or agency) an addressee line stands for. */
export function addresseeOf(name: string, route: string | null): Addressee {
  // Addressee lines repeat (SECSTATE WASHDC on most cables): resolve each spelling once.
  const key = `${route ?? ""}\u0000${name}`;
  let a = memo.get(key);
  if (!a) {
    a = resolveAddressee(name, route);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, a);
  }
  return a;
}

function resolveAddressee(name: string, route: string | null): Addressee {
  const written = name.replace(/\s+/g, " ").trim().toUpperCase();
  if (/\bCOLLECTIVE\b/.test(written)) return { post: written, kind: "collective" };
  const station = knownStation(written) ?? knownStation(routeAddress(route) ?? "");
  if (station) return { post: station, kind: "post" };
  // Agencies are spelt many ways (CIA WASHDC, CIA WASHINGTON DC): the routing table's address
  // for the line's indicator, when it has one, names them one way.
  const address = routeAddress(route);
  return { post: address || written || "(unnamed)", kind: "other" };
}

/** The sending post of a cable: the station of its origin label, else the station as stored. */
export function senderOf(origin: string | null, station: string | null): string {
  return (origin ? stationFromOrigin(origin) : null) ?? station ?? origin ?? "(unknown)";
}
