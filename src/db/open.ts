import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { startLocalNeo4j, type LocalNeo4j } from '../neo4j-local/launcher.js';
import { statements } from './cypher.js';
import { createDriver } from './driver.js';
import { Db } from './run.js';

export interface Database {
  db: Db;
  driver: Driver;
  uri: string;
  /** Set when this process started the embedded Neo4j. */
  local?: LocalNeo4j;
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI when set; otherwise starts the embedded Neo4j on NEO4J_LOCAL_PORT with data in
 * NEO4J_LOCAL_DATA. Either way the caller gets one driver for the whole process.
 */
export async function openDatabase(config: Config, log: (line: string) => void = (l) => console.error(l)): Promise<Database> {
  let local: LocalNeo4j | undefined;
  let uri = config.neo4jUri;
  if (!uri) {
    log(`neo4j: starting the embedded Neo4j on 127.0.0.1:${config.localPort} (data in ${config.localDataDir})...`);
    local = await startLocalNeo4j({
      dataDir: config.localDataDir,
      port: config.localPort,
      heapMb: config.localHeapMb,
      pageCacheMb: config.localPageCacheMb,
      log,
    });
    uri = local.uri;
  }
  const driver = createDriver(config, uri);
  try {
    await driver.verifyConnectivity({ database: config.neo4jDatabase });
  } catch (err) {
    // Bad credentials or database name: leave nothing running behind the error.
    await driver.close();
    await local?.stop();
    throw err;
  }
  const db = new Db(driver, {
    database: config.neo4jDatabase,
    timeoutMs: config.queryTimeoutMs,
    cache: config.readCache ? undefined : false,
    profileStore: config.profileStore,
  });
  return {
    db,
    driver,
    uri,
    local,
    async close() {
      await driver.close();
      await local?.stop();
    },
  };
}

/** Creates the constraints and indexes, the audit log's included (idempotent: IF NOT EXISTS), and waits until they are online. */
export async function applySchema(db: Db): Promise<void> {
  await db.schema([...statements('constraints'), ...statements('indexes'), ...statements('audit-schema')]);
}

export async function schemaReady(db: Db): Promise<boolean> {
  const rows = await db.read('schema-status');
  return rows[0]?.ready === true;
}
