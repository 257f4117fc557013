import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import type { ParamsOf, QueryName, RowOf } from '../src/db/queries.js';
import { Db, type RoundTrips } from '../src/db/run.js';
import { scenarios } from '../bench/scenarios.js';
import { gql } from './client.js';
import { inject } from 'vitest';

/**
 * The benchmark's floor (bench/scenarios.ts) answers through the same use cases as the resolvers: over the test
 * database, each floor's answer equals the service's for the scenario's operation, and costs the same number of
 * round trips as the traced (uncached) operation.
 */

/** A Db without the read cache that counts the reads it is asked for. */
class CountingDb extends Db {
  reads = 0;
  override read<N extends QueryName>(name: N, params?: ParamsOf<N>, trips?: RoundTrips): Promise<RowOf<N>[]> {
    this.reads += 1;
    return super.read(name, params as ParamsOf<N>, trips);
  }
}

const config = loadConfig();
const driver = createDriver(config, inject('neo4jUri'));
afterAll(() => driver.close());

/** The browse floor lists models; the operation pages them as a connection. */
const normalise = (id: string, data: Record<string, any>) =>
  id === 'browse' ? { models: data.models.edges.map((e: { node: unknown }) => e.node) } : Object.values(data)[0];

describe('bench floor = service', () => {
  for (const s of scenarios()) {
    it(`${s.id}: the floor's answer and round trips are the service's`, async () => {
      expect(s.ours).not.toBeNull();
      // No profile store on either side: traced requests read profiles per request, and so must the floor to count alike.
      const db = new CountingDb(driver, { database: config.neo4jDatabase, timeoutMs: 60_000, cache: false, profileStore: false });
      const floor = await s.floor(db);
      const r = await gql(s.ours!.query, s.ours!.variables, { 'ipkg-trace': '1' });
      expect(r.body.errors).toBeUndefined();
      expect(floor).toEqual(normalise(s.id, r.body.data));
      expect(db.reads).toBe((r.body.extensions as { roundTrips: number }).roundTrips);
    });
  }
});
