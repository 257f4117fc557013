import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';

/**
 * How long transient errors (a lost leader, a deadlock) are retried: by the driver for write transactions, by
 * src/db/run.ts for reads. Against a stopped database every attempt fails at once, so a long window only delays the
 * SERVICE_UNAVAILABLE answer (test/faults.int.test.ts).
 */
export const TRANSACTION_RETRY_MS = 1_000;

/** One driver per process. Short timeouts so a lost database fails requests fast instead of hanging them. */
export function createDriver(config: Pick<Config, 'neo4jUser' | 'neo4jPassword'>, uri: string): Driver {
  const auth = config.neo4jPassword ? neo4j.auth.basic(config.neo4jUser, config.neo4jPassword) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: TRANSACTION_RETRY_MS,
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => {} },
    userAgent: 'ipkg/0.1',
  });
}
