import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/run.js';

/** A direct connection to the test database, for checks that must not go through the API under test. */
export function testDb(): { db: Db; driver: Driver; close: () => Promise<void> } {
  const config = loadConfig();
  const driver = createDriver(config, inject('neo4jUri'));
  const db = new Db(driver, { database: config.neo4jDatabase, timeoutMs: 60_000 });
  return { db, driver, close: () => driver.close() };
}
