import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { startService } from '../src/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serviceUrl: string;
    neo4jUri: string;
    neo4jLocalDataDir: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throw-away embedded Neo4j (temporary folder, free port) unless NEO4J_URI is given, seeds it, and
 * starts the service on a free port. Tests talk to it over HTTP, as clients do.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ipkg-test-neo4j-'));
  const config = { ...loadConfig(), port: 0, localPort: await freePort(), localDataDir: dataDir, production: false };
  const started = Date.now();
  const service = await startService(config, { log: (l) => process.stderr.write(`[setup] ${l}\n`) });
  process.stderr.write(`[setup] Neo4j and the service are up in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  project.provide('serviceUrl', service.url);
  project.provide('neo4jUri', service.database.uri);
  project.provide('neo4jLocalDataDir', dataDir);
  return async () => {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
