import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher } from './cypher.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Counts database round trips, per request (the batching tests read it). */
export interface RoundTrips {
  count: number;
}

/** Whole numbers go to Neo4j as integers (LIMIT needs one; JS numbers would arrive as floats). */
export function toParams(value: unknown): any {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toParams(v)]));
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

/**
 * Runs named queries (cypher/<name>.cypher): reads in read transactions, writes in write transactions,
 * each with the configured timeout. Rows come back as plain objects.
 */
export class Db {
  constructor(
    readonly driver: Driver,
    private readonly opts: { database?: string; timeoutMs: number },
  ) {}

  read(name: string, params: Params = {}, trips?: RoundTrips): Promise<Row[]> {
    return this.run('READ', name, params, trips);
  }

  write(name: string, params: Params = {}, trips?: RoundTrips): Promise<Row[]> {
    return this.run('WRITE', name, params, trips);
  }

  /** Several named queries in one write transaction: all or nothing. */
  async writeTx<T>(work: (run: (name: string, params?: Params) => Promise<Row[]>) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.opts.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(
        (tx: ManagedTransaction) => work(async (name, params = {}) => (await tx.run(cypher(name), toParams(params))).records.map((r) => r.toObject())),
        { timeout: Math.max(this.opts.timeoutMs, 120_000) },
      );
    } catch (err) {
      throw isUnavailable(err) ? new DatabaseUnavailableError(err) : err;
    } finally {
      await session.close();
    }
  }

  /** Runs literal schema statements (constraints, indexes), which cannot share a transaction with data writes. */
  async schema(statementsToRun: string[]): Promise<void> {
    const session = this.driver.session({ database: this.opts.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      for (const s of statementsToRun) await session.run(s);
      await session.run('CALL db.awaitIndexes(60)');
    } catch (err) {
      throw isUnavailable(err) ? new DatabaseUnavailableError(err) : err;
    } finally {
      await session.close();
    }
  }

  private async run(mode: 'READ' | 'WRITE', name: string, params: Params, trips?: RoundTrips): Promise<Row[]> {
    const text = cypher(name);
    if (trips) trips.count += 1;
    try {
      const result = await this.driver.executeQuery(text, toParams(params), {
        database: this.opts.database,
        routing: mode === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
        transactionConfig: { timeout: this.opts.timeoutMs, metadata: { query: name } },
      });
      return result.records.map((r) => r.toObject());
    } catch (err) {
      throw isUnavailable(err) ? new DatabaseUnavailableError(err) : err;
    }
  }
}
