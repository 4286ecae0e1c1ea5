/**
 * What the web server reads besides the commands' calls (src/archive/archive.ts): the parts of a
 * reader page, the counts of the browse pages, a cheap version number for its response cache.
 * Each back end answers every call; what PostgreSQL archives do not hold yet (a cable's place in a
 * result list) it answers empty, and the views that need more than these calls reach SQLite
 * through `sqlite` (null on PostgreSQL).
 */
import type { AnalyticsSource } from "../analytics/source.js";
import type { GraphSource } from "../graph/source.js";
import type { Provenance } from "../model/cable.js";
import type { QueryNode } from "../search/ast.js";
import type { SearchTuning } from "../search/index.js";
import type { FacetCount, SearchResult, SortOrder } from "../search/types.js";
import type { Db } from "../store/db.js";
import type { EntityType } from "../store/entities-input.js";
import type { ProtectedIndex } from "../store/entities-public.js";
import type { CableMention, EntityDetail, EntitySummary } from "../store/entities-read.js";
import type { CablesCursor } from "../store/entity-summary-read.js";
import type { StoredVersion } from "../store/read.js";

export type { CableMention, StoredVersion };

/** A stored version without its cable: what the reader lists. */
export interface VersionInfo {
  versionId: number;
  current: boolean;
  released: string | null;
  source: Provenance;
  ingestedAt: string;
  textHash: string;
  contentHash: string;
}

/** The cables of the same station just before and after one, by year and serial. */
export interface StationNav {
  station: string;
  prev: string | null;
  next: string | null;
}

/** A cable's place in a result list. */
export interface ResultNav {
  position: number;
  total: number;
  prev: string | null;
  next: string | null;
}

export interface EntityLookup {
  type?: EntityType | null;
  limit?: number;
  offset?: number;
}

export type CountedColumn = "origin" | "classification";

export interface ArchiveReads {
  /** The SQLite connection, for the views that read SQLite only so far; null on PostgreSQL. */
  readonly sqlite: Db | null;
  /** The reference graph's reads (neighbourhoods, src/graph/neighbourhood.ts). */
  readonly graph: GraphSource;
  /** What the analytics views read (src/analytics/source.ts). */
  readonly analytics: AnalyticsSource;
  /** A search with an already parsed query (the server composes `q` and its filters). */
  searchParsed(node: QueryNode, opts: SearchTuning): Promise<SearchResult>;
  versions(referenceId: string): Promise<VersionInfo[]>;
  /** Every stored version of the id but the current one, with its cable (for diffs). */
  olderVersions(referenceId: string): Promise<StoredVersion[]>;
  /** The cable's persons, organisations and places (entityId null where not resolved). */
  mentions(referenceId: string): Promise<CableMention[]>;
  /** Entities whose forms hold every word of `q` (the last a prefix), or the one `q` is the id of. */
  findEntities(q: string, opts: EntityLookup): Promise<EntitySummary[]>;
  /**
   * An entity with everything its page shows, its cables from `after` (the `next` cursor of the
   * page before) on; null when there is none (to show).
   */
  entityDetail(id: string, after?: CablesCursor | null): Promise<EntityDetail | null>;
  /** The entities `q` finds as CSV, with their forms. */
  entitiesCsv(q: string, type: EntityType | null): Promise<string>;
  /** The people's co-mention network as GEXF. */
  entityNetwork(opts: { maxNodes?: number; minCables?: number }): Promise<string>;
  /**
   * Public mode from now on (`serve --public`): every read through this archive leaves out the
   * persons cables protect (src/store/entities-public.ts).
   */
  enterPublicMode(): void;
  /**
   * Builds the caches a search reads (columnar copies, vocabulary, the protected-name index) so
   * that no visitor pays for them: a long-running process calls it once, before it listens.
   */
  warmUp(): Promise<void>;
  /** The cables protecting persons, for masking their names (src/server/public-mode.ts). */
  protectedIndex(): Promise<ProtectedIndex>;
  /** The estimated creation day of a cable cited but absent; null where none is estimated. */
  estimateCreated(referenceId: string): Promise<string | null>;
  /** Whether the archive holds the id or cites it. */
  knows(referenceId: string): Promise<boolean>;
  stationNav(referenceId: string): Promise<StationNav | null>;
  /** Where the cable sits in the results of `node`; null when it is not among them. */
  resultNav(referenceId: string, node: QueryNode, sort: SortOrder): Promise<ResultNav | null>;
  /** Every value of a column with its number of cables, most frequent first. */
  columnValues(column: CountedColumn): Promise<FacetCount[]>;
  /** Every TAG with its number of cables, most frequent first. */
  tagCounts(): Promise<FacetCount[]>;
  /** Cables created per month (`YYYY-MM`), months without cables left out. */
  monthCounts(): Promise<{ month: string; count: number }[]>;
  /** A number that changes whenever a write commits: the response cache empties on a change. */
  dataVersion(): number | string | Promise<number | string>;
}
