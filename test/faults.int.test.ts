import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j-local/launcher.js';
import { startService, type Service } from '../src/server.js';
import { freePort } from './global-setup.js';

/**
 * Neo4j goes away under a running service and comes back. Uses its OWN embedded Neo4j (never the shared one)
 * and a service that did not start it, so the test can stop and restart the database at will.
 */

const TOKEN = 'fault-curator-token-0123456789';
const TIMEOUT_MS = 10_000;
let dataDir: string;
let port: number;
let neo4j: LocalNeo4j;
let service: Service;

// A loaded machine can take minutes to start a JVM: wait for it rather than fail on slowness.
const start = () => startLocalNeo4j({ dataDir, port, heapMb: 384, pageCacheMb: 64, startTimeoutS: 600 });

async function post(query: string, variables: Record<string, unknown> = {}) {
  const started = Date.now();
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    ms: Date.now() - started,
    body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

const READ = '{ model(id: "cognitive-behavioral-therapy") { id techniques { id } } }';
const CREATE = `mutation($id: ID!) { createEntity(input: { kind: DOMAIN, id: $id, fields: { name: "Fault test", description: "Written before the stop.", sources: ["beck-1979"], evidence: EXPERT_OPINION } }) { entity { id } } }`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipkg-faults-neo4j-'));
  port = await freePort();
  neo4j = await start();
  const config = { ...loadConfig({ ...process.env, IPKG_TOKENS: `fault:curator:${TOKEN}` }), port: 0, neo4jUri: neo4j.uri, queryTimeoutMs: TIMEOUT_MS };
  service = await startService(config, { log: () => {} });
}, 900_000);

afterAll(async () => {
  await service?.close();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Neo4j stops and restarts under a running service', () => {
  it('fails fast with SERVICE_UNAVAILABLE and /ready 503 while Neo4j is down, then recovers without a restart, losing nothing', async () => {
    const written = await post(CREATE, { id: 'fault-before-stop' });
    expect(written.body.errors).toBeUndefined();
    expect((await post(READ)).body.data.model.id).toBe('cognitive-behavioral-therapy');

    await neo4j.stop();

    for (const query of [READ, '{ techniques(first: 3) { totalCount } }']) {
      const r = await post(query);
      expect(r.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(r.body.errors?.[0].message).not.toMatch(/ECONNREFUSED|bolt|127\.0\.0\.1/);
      // docs/errors-and-config.md: 503 with a retry hint when no resolver ran (the response cache reads the data
      // version first, so with the cache on a read fails there), 200 with the failed field null when one did.
      if (r.status === 503) {
        expect(r.retryAfter).toBe('5');
        expect(r.body.data).toBeUndefined();
      } else {
        expect(r.status, 'only 503 (no resolver ran) or 200 (a partial result) are documented').toBe(200);
        const d: unknown = r.body.data;
        expect(d === null || (typeof d === 'object' && d !== undefined && Object.values(d).every((v) => v === null)), JSON.stringify(d)).toBe(true);
      }
      process.stderr.write(`[faults] read failed in ${r.ms} ms\n`);
      expect(r.ms).toBeLessThan(TIMEOUT_MS);
    }
    const w = await post(CREATE, { id: 'fault-during-stop' });
    expect(w.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // A mutation is not cached: its resolver ran and failed, so it is a GraphQL result (200) whose data is null.
    expect(w.status).toBe(200);
    expect(w.body.data).toBeNull();
    process.stderr.write(`[faults] write failed in ${w.ms} ms\n`);
    expect(w.ms).toBeLessThan(TIMEOUT_MS);
    const ready = await fetch(service.url.replace(/graphql$/, 'ready'));
    expect(ready.status).toBe(503);
    expect((await fetch(service.url.replace(/graphql$/, 'health'))).status).toBe(200);

    neo4j = await start(); // same port, same data

    let recovered = false;
    for (let i = 0; i < 60 && !recovered; i++) {
      const r = await post(READ);
      recovered = !r.body.errors && r.body.data?.model?.id === 'cognitive-behavioral-therapy';
      if (!recovered) await new Promise((res) => setTimeout(res, 500));
    }
    expect(recovered).toBe(true);
    expect((await fetch(service.url.replace(/graphql$/, 'ready'))).status).toBe(200);
    const kept = await post('{ before: node(id: "fault-before-stop") { id } during: node(id: "fault-during-stop") { id } }');
    expect(kept.body.data).toEqual({ before: { id: 'fault-before-stop' }, during: null });
    expect((await post(CREATE, { id: 'fault-after-restart' })).body.errors).toBeUndefined();
  }, 900_000);
});
