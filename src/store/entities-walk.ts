import type { Db } from "./db.js";

/**
 * How resolution reads and writes a whole archive in bounded memory: keyset walks that hold one
 * group (or one entity, or one chunk of rows) at a time, and writes committed in transactions of
 * bounded size. Each read statement has finished before the caller writes, so updating the rows
 * being walked is safe (SQLite leaves undefined what a statement still stepping sees of writes on
 * its own connection) and a transaction can be committed between two reads.
 */

/** Writes per transaction: small enough that the WAL stays small, large enough to amortise commits. */
export const WRITES_PER_TRANSACTION = 50_000;

/** Rows read per chunk when walking a table in key order. */
export const CHUNK_ROWS = 5_000;

/**
 * A run of writes split into transactions of at most `limit` writes. Inside a caller's
 * transaction it commits nothing (the caller's transaction is the unit).
 */
export class Batches {
  private pending = 0;
  /** Whether the batches are transactions of their own (else the caller's transaction is). */
  readonly own: boolean;

  constructor(
    private readonly db: Db,
    readonly limit = WRITES_PER_TRANSACTION,
  ) {
    this.own = !db.inTransaction;
    if (this.own) db.exec("BEGIN IMMEDIATE");
  }

  /** Counts `n` writes; commits and begins the next transaction when the batch is full. */
  wrote(n = 1): void {
    this.pending += n;
    if (!this.own || this.pending < this.limit) return;
    this.db.exec("COMMIT");
    this.db.exec("BEGIN IMMEDIATE");
    this.pending = 0;
  }

  /** Runs `run` between two transactions (in the caller's transaction, inside it). */
  outside(run: () => void): void {
    if (this.own && this.db.inTransaction) this.db.exec("COMMIT");
    this.pending = 0;
    try {
      run();
    } finally {
      if (this.own) this.db.exec("BEGIN IMMEDIATE");
    }
  }

  commit(): void {
    if (this.own && this.db.inTransaction) this.db.exec("COMMIT");
  }

  /** Drops the writes since the last commit (those before it stay, by design). */
  rollback(): void {
    if (this.own && this.db.inTransaction) this.db.exec("ROLLBACK");
  }
}

/**
 * The distinct values of an ordered key, one at a time: `first` returns the smallest, `next` the
 * smallest above the one given (both `LIMIT 1` over an index, so nothing is held).
 */
export function* distinctKeys<K>(
  first: () => K | undefined,
  next: (after: K) => K | undefined,
): Generator<K> {
  for (let k = first(); k !== undefined; k = next(k)) yield k;
}

/**
 * Rows in key order, `CHUNK_ROWS` at a time: `page(after)` returns the rows after the key of the
 * last one (null before the first), in key order, at most `limit` of them.
 */
export function* chunks<R, K>(
  page: (after: K | null, limit: number) => R[],
  keyOf: (row: R) => K,
  limit = CHUNK_ROWS,
): Generator<R[]> {
  let after: K | null = null;
  for (;;) {
    const rows = page(after, limit);
    if (rows.length === 0) return;
    after = keyOf(rows[rows.length - 1]!);
    yield rows;
    if (rows.length < limit) return;
  }
}

/** Rows per multi-row INSERT: one statement per this many rows instead of one per row. */
export const ROWS_PER_INSERT = 200;

/** Where rows of one table go: written now (BulkInsert) or held to be written later (HeldRows). */
export interface RowSink {
  add(row: readonly unknown[]): void;
  flush(): void;
}

/**
 * Rows appended to a table with multi-row INSERTs of ROWS_PER_INSERT rows (a statement per row
 * cost more than the row's own write), each counted in `batches`. `flush` writes the rest.
 */
export class BulkInsert implements RowSink {
  private values: unknown[] = [];
  private readonly full;
  private readonly width: number;

  constructor(
    private readonly db: Db,
    /** `table (col, ...)` */
    private readonly into: string,
    width: number,
    private readonly batches: Batches,
  ) {
    this.width = width;
    this.full = db.prepare(this.sql(ROWS_PER_INSERT));
  }

  private sql(rows: number): string {
    const row = `(${new Array(this.width).fill("?").join(", ")})`;
    return `INSERT INTO ${this.into} VALUES ${new Array(rows).fill(row).join(", ")}`;
  }

  add(row: readonly unknown[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length === this.width * ROWS_PER_INSERT) this.write();
  }

  flush(): void {
    if (this.values.length > 0) this.write();
  }

  private write(): void {
    const rows = this.values.length / this.width;
    const stmt = rows === ROWS_PER_INSERT ? this.full : this.db.prepare(this.sql(rows));
    stmt.run(this.values);
    this.values = [];
    this.batches.wrote(rows);
  }
}

/**
 * Rows of one table held in memory, flat, while another connection writes (entities-full.ts), and
 * appended later with a BulkInsert in the order they came.
 */
export class HeldRows implements RowSink {
  private readonly values: unknown[] = [];

  constructor(
    /** `table (col, ...)` */
    readonly into: string,
    readonly width: number,
  ) {}

  add(row: readonly unknown[]): void {
    for (const v of row) this.values.push(v);
  }

  flush(): void {}

  get rows(): number {
    return this.values.length / this.width;
  }

  writeTo(db: Db, batches: Batches): void {
    const insert = new BulkInsert(db, this.into, this.width, batches);
    const { values, width } = this;
    for (let k = 0; k < values.length; k += width) insert.add(values.slice(k, k + width));
    insert.flush();
    values.length = 0;
  }
}
