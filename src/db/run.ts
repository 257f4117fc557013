import neo4j, { type Driver, isRetryableError, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher.js';
import { TRANSACTION_RETRY_MS } from './driver.js';
import type { NoParamsQuery, ParamsOf, QueryName, RowOf, Run } from './queries.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/**
 * Per-request state handed to every read: it counts database round trips (the batching tests read it) and pins
 * the cache generation the request reads at, so the data version is read at most once per request.
 */
export interface RoundTrips {
  /** Data reads sent to Neo4j for this request (cache hits, the version read and write statements are not counted). */
  count: number;
  /** Set for traced requests: reads skip the cache, so `count` measures batching, not the cache. */
  bypassCache?: boolean;
  /** Reads this request got from the cache. */
  cacheHits?: number;
  /** The cache generation this request reads at (set lazily by its first cached read). */
  generation?: Promise<Generation>;
  /** Set for traced requests: each named query sent for the request, in the order sent (test/tck.int.test.ts snapshots it). */
  queries?: QueryRecord[];
}

/** One named query as sent to Neo4j; `write` marks a statement of a write transaction. */
export interface QueryRecord {
  name: string;
  params: Params;
  write?: true;
}

/** Whole numbers go to Neo4j as integers (LIMIT needs one; JS numbers would arrive as floats). */
export function toParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParams);
  // graphql-js builds inline input objects without a prototype; they are plain maps all the same.
  const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toParams(v)]));
  }
  return value;
}

export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The graph database is not reachable right now; try again shortly.', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (err instanceof Neo4jError) return UNAVAILABLE.has(err.code) || /connect|ECONNREFUSED|Pool is closed/i.test(err.message);
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The read cache. Correctness rests on one rule: every write moves (:Meta {id:'ipkg'}).dataVersion in the same
// transaction (seed-finish does it for seed runs; Db.writeTx does it for any other write that changes data).
// A request reads the version from Neo4j, once, after it arrived, and only uses cached rows stored under that
// version. So a write committed before a request arrives is visible to it, whichever service instance made the
// write: the cache is keyed on the database's version, not on this process's memory.
// ---------------------------------------------------------------------------------------------------------------

export interface CacheLimits {
  /** Cached query results per generation. */
  maxEntries: number;
  /** Rows across those results (a rough memory bound: the biggest result, all technique profiles, is one row each). */
  maxRows: number;
  /** Bytes of cached GraphQL responses (src/graphql/cache.ts). */
  maxResponseBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 2_000, maxRows: 250_000, maxResponseBytes: 64 * 1024 * 1024 };

/** Everything cached for one data version. A new version gets a new object, so a slow reader of an old version can only ever write into the old one. */
export class Generation {
  readonly rows = new Map<string, { rows: Promise<Row[]>; size: number }>();
  rowCount = 0;
  /** GraphQL responses by operation key (filled by src/graphql/cache.ts), with their serialized sizes. */
  readonly responses = new Map<string, { value: unknown; bytes: number }>();
  responseBytes = 0;
  constructor(readonly version: number | null) {}
}

export interface CacheStats {
  versionReads: number;
  rowHits: number;
  rowMisses: number;
  responseHits: number;
  responseMisses: number;
}

export class ReadCache {
  private current?: Generation;
  private inFlight?: Promise<Generation>;
  private queued?: Promise<Generation>;
  readonly stats: CacheStats = { versionReads: 0, rowHits: 0, rowMisses: 0, responseHits: 0, responseMisses: 0 };

  constructor(
    private readonly readVersion: () => Promise<number | null>,
    readonly limits: CacheLimits,
  ) {}

  /**
   * The generation for a request that has just arrived. Concurrent requests share version reads, but never one
   * that was already on the wire when they arrived (it may predate a write they must see): they wait for the next
   * read, which starts after the current one returns. Under load that is one version read per wave of requests,
   * and never a stale answer.
   */
  generation(): Promise<Generation> {
    if (!this.inFlight) return this.start();
    return (this.queued ??= this.inFlight.then(noop, noop).then(() => {
      this.queued = undefined;
      return this.start();
    }));
  }

  private start(): Promise<Generation> {
    this.stats.versionReads += 1;
    const p = this.readVersion().then((v) => {
      // Versions only grow while the data lives; any change (including a wiped and reseeded database) starts afresh.
      if (!this.current || this.current.version !== v) this.current = new Generation(v);
      return this.current;
    });
    this.inFlight = p;
    const clear = () => {
      if (this.inFlight === p) this.inFlight = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  /** Rows of a named query under a generation: shared by concurrent callers, frozen so no caller can alter another's. */
  rows(gen: Generation, key: string, load: () => Promise<Row[]>, trips: RoundTrips): Promise<Row[]> {
    const hit = gen.rows.get(key);
    if (hit) {
      this.stats.rowHits += 1;
      trips.cacheHits = (trips.cacheHits ?? 0) + 1;
      return hit.rows;
    }
    this.stats.rowMisses += 1;
    const entry = { rows: load().then(deepFreeze), size: 0 };
    gen.rows.set(key, entry);
    entry.rows.then(
      (rows) => {
        if (gen.rows.get(key) !== entry) return;
        entry.size = rows.length;
        gen.rowCount += rows.length;
        this.trim(gen);
      },
      () => {
        // A failed read is not an answer: the next request retries it.
        if (gen.rows.get(key) === entry) gen.rows.delete(key);
      },
    );
    return entry.rows;
  }

  private trim(gen: Generation): void {
    for (const [key, entry] of gen.rows) {
      if (gen.rows.size <= 1 || (gen.rows.size <= this.limits.maxEntries && gen.rowCount <= this.limits.maxRows)) break;
      gen.rows.delete(key); // oldest first (Map keeps insertion order)
      gen.rowCount -= entry.size;
    }
  }
}

const noop = () => {};

/** Cached rows are shared across requests; freezing them makes any in-place change throw instead of leaking into other answers. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** Queries whose answer is not a function of the graph's data (index states, liveness) or that the cache itself needs fresh. */
const UNCACHED = new Set(['schema-status', 'data-version', 'graph-is-empty', 'graph-counts']);

/** Writes that set the data version themselves; any other write gets data-version-bump in its transaction. */
const SETS_VERSION = /\bSET\s+\w+\.dataVersion\b/;

export interface DbOptions {
  database?: string;
  timeoutMs: number;
  /** false turns the read cache off (Config.readCache, IPKG_READ_CACHE=off); otherwise limits (defaults: DEFAULT_CACHE_LIMITS). */
  cache?: false | Partial<CacheLimits>;
  /** false reads technique profiles through the row cache instead of their in-memory store (Config.profileStore; src/questions/profiles.ts). */
  profileStore?: boolean;
}

/**
 * Runs named queries (cypher/<name>.cypher): reads in read transactions, writes in write transactions,
 * each with the configured timeout. Rows come back as plain objects. Reads made for a request (with its
 * RoundTrips) go through the versioned read cache; reads without one (health, startup) always hit Neo4j.
 */
export class Db {
  /** The row cache (and, through it, the response cache); null when turned off. */
  readonly cache: ReadCache | null;
  /**
   * Data versions per request, also when the caches are off: the technique-profile store keys on them. It is the
   * row cache itself when that is on, so a request reads its version once either way.
   */
  readonly versions: ReadCache;
  /** Whether src/questions/profiles.ts may serve technique profiles from its in-memory store (on unless the options say false). */
  readonly profileStore: boolean;

  constructor(
    readonly driver: Driver,
    private readonly opts: DbOptions,
  ) {
    this.versions = new ReadCache(() => this.dataVersion(), { ...DEFAULT_CACHE_LIMITS, ...(opts.cache || {}) });
    this.cache = opts.cache === false ? null : this.versions;
    this.profileStore = opts.profileStore !== false;
  }

  /**
   * A named read, typed by its declaration (src/db/queries.ts); queries without parameters may leave them out. The
   * overloads are where rows get their declared types: Neo4j's rows are untyped, the tests hold the declaration to the files.
   */
  read<N extends NoParamsQuery>(name: N): Promise<RowOf<N>[]>;
  read<N extends QueryName>(name: N, params: ParamsOf<N>, trips?: RoundTrips): Promise<RowOf<N>[]>;
  read(name: QueryName, params: Params = {}, trips?: RoundTrips): Promise<unknown[]> {
    if (!trips || !this.cache || trips.bypassCache || UNCACHED.has(name)) return this.runRead(name, params, trips);
    const cache = this.cache;
    const key = `${name}\u0000${JSON.stringify(params)}`;
    return this.generation(trips).then((gen) => cache.rows(gen, key, () => this.runRead(name, params, trips), trips));
  }

  /** A read for bulk work (the seed loader's starting point): never cached, with its own timeout. */
  bulkRead<N extends QueryName>(name: N, params: ParamsOf<N>, timeoutMs: number): Promise<RowOf<N>[]>;
  bulkRead(name: QueryName, params: Params, timeoutMs: number): Promise<unknown[]> {
    return this.runRead(name, params, undefined, timeoutMs);
  }

  /** The cache generation of a request: its data version, read once per request (see ReadCache.generation). */
  generation(trips: RoundTrips): Promise<Generation> {
    return (trips.generation ??= this.versions.generation());
  }

  /** The database's data version (null before the first seed). */
  async dataVersion(): Promise<number | null> {
    const v = (await this.runRead('data-version', {}))[0]?.dataVersion;
    return v === null || v === undefined ? null : Number(v);
  }

  /**
   * Several named queries in one write transaction: all or nothing; the data version moves when anything changed.
   * Writes queue behind each other on the data-version lock (that is what makes optimistic concurrency safe), so a
   * request-time write gets three query timeouts rather than one; bulk work (the seed loader) passes its own.
   */
  writeTx<T>(work: (run: Run) => Promise<T>, timeoutMs = 3 * this.opts.timeoutMs, trips?: RoundTrips): Promise<T> {
    return this.inWriteTx(work, timeoutMs, trips);
  }

  /**
   * A write readers cannot see (the seed loader's staging: nodes without :Entity), so it leaves the data version,
   * and with it every cache, alone. Whatever it stages becomes visible only through a later writeTx, which moves it.
   */
  stageTx<T>(work: (run: Run) => Promise<T>, timeoutMs = 3 * this.opts.timeoutMs): Promise<T> {
    return this.inWriteTx(work, timeoutMs, undefined, true);
  }

  private async inWriteTx<T>(work: (run: Run) => Promise<T>, timeout: number, trips?: RoundTrips, invisible = false): Promise<T> {
    const session = this.driver.session({
      database: this.opts.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      return await session.executeWrite(
        async (tx: ManagedTransaction) => {
          // Fresh per attempt: executeWrite may retry the whole function.
          let changed = false;
          let versioned = false;
          // Recorded as sent: a retried attempt shows up again, as it ran again.
          const note = (name: string, params: Params) => trips?.queries?.push({ name, params, write: true });
          const run = async (name: QueryName, params: Params = {}): Promise<unknown[]> => {
            const text = cypher(name);
            note(name, params);
            const result = await tx.run(text, toParams(params));
            if (result.summary.counters.containsUpdates()) changed = true;
            if (SETS_VERSION.test(text)) versioned = true;
            return result.records.map((r) => r.toObject());
          };
          // The one place a write's rows get their declared types (src/db/queries.ts; the tests hold it to the files).
          const out = await work(run as Run);
          // Read caches in every instance key on this version; a write that leaves it alone would stay invisible to them.
          if (changed && !versioned && !invisible) {
            note('data-version-bump', {});
            await tx.run(cypher('data-version-bump'));
          }
          return out;
        },
        { timeout },
      );
    } catch (err) {
      throw isUnavailable(err) ? new DatabaseUnavailableError(err) : err;
    } finally {
      await session.close();
    }
  }

  /** Runs literal schema statements (constraints, indexes), which cannot share a transaction with data writes. */
  async schema(statementsToRun: string[]): Promise<void> {
    const session = this.driver.session({
      database: this.opts.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      for (const s of statementsToRun) await session.run(s);
      await session.run('CALL db.awaitIndexes(60)');
    } catch (err) {
      throw isUnavailable(err) ? new DatabaseUnavailableError(err) : err;
    } finally {
      await session.close();
    }
  }

  /**
   * One named read as an auto-commit transaction in a read session: one round trip (RUN and PULL), where a managed
   * transaction needs two more (BEGIN before, COMMIT after); a search spent about a third of its time on them. A read
   * can always run again, so transient errors are retried here as the driver retries managed transactions (the same
   * window, with backoff). Sharing executeQuery's bookmark manager keeps causal consistency (a read after a write
   * sees the write, also behind neo4j:// routing, where READ sessions go to readers).
   */
  private async runRead(name: string, params: Params, trips?: RoundTrips, timeoutMs = this.opts.timeoutMs): Promise<Row[]> {
    const text = cypher(name);
    if (trips) trips.count += 1;
    trips?.queries?.push({ name, params });
    const config = { timeout: timeoutMs, metadata: { query: name } };
    const until = Date.now() + TRANSACTION_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      const session = this.driver.session({
        database: this.opts.database,
        defaultAccessMode: neo4j.session.READ,
        bookmarkManager: this.driver.executeQueryBookmarkManager,
      });
      try {
        return (await session.run(text, toParams(params), config)).records.map((r) => r.toObject());
      } catch (err) {
        if (isRetryableError(err) && Date.now() < until) {
          await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 400) * (0.8 + 0.4 * Math.random())));
          continue;
        }
        throw isUnavailable(err) ? new DatabaseUnavailableError(err) : err;
      } finally {
        await session.close();
      }
    }
  }
}
