import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';

/** One driver per process. Short timeouts so a lost database fails requests fast instead of hanging them. */
export function createDriver(config: Pick<Config, 'neo4jUser' | 'neo4jPassword'>, uri: string): Driver {
  const auth = config.neo4jPassword ? neo4j.auth.basic(config.neo4jUser, config.neo4jPassword) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => {} },
    userAgent: 'ipkg/0.1',
  });
}
