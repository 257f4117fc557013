import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { cypher } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db, ReadCache } from '../src/db/run.js';
import { startService, type Service } from '../src/server.js';
import { compileSeed, type SeedGraph } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j-local/launcher.js';
import { freePort } from './global-setup.js';

/**
 * The read cache may answer from memory only while the data version in Neo4j is unchanged. These tests run two
 * service instances sharing one Neo4j (as two replicas behind a load balancer would), write behind their backs,
 * and read through both. That Neo4j is a private one: these writes move the data version and re-seed, and the other
 * test files, running in parallel on the suite's database, assert that a second seed run moves nothing.
 */

const DOMAIN = 'cognitive';
const READ = `query CacheProbe($id: ID!) { node(id: $id) { id ... on Domain { description } } }`;

async function description(service: Service): Promise<string> {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: READ, variables: { id: DOMAIN } }),
  });
  const body = (await res.json()) as { data?: { node: { description: string } | null }; errors?: unknown };
  if (body.errors || !body.data?.node) throw new Error(`read failed: ${JSON.stringify(body)}`);
  return body.data.node.description;
}

let neo4j: LocalNeo4j;
let dataDir: string;
let a: Service;
let b: Service;
let writer: Db;
let curated: SeedGraph;
let original: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipkg-cache-test-neo4j-'));
  const base = loadConfig();
  neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heapMb: base.localHeapMb, pageCacheMb: base.localPageCacheMb });
  const config = { ...base, neo4jUri: neo4j.uri, port: 0, production: false };
  a = await startService(config, { log: () => {} }); // seeds the empty database
  b = await startService(config, { log: () => {} });
  writer = new Db(createDriver(config, neo4j.uri), { timeoutMs: 30_000, cache: false });
  curated = compileSeed().graph;
  const node = curated.nodes.find((n) => n.id === DOMAIN);
  if (!node) throw new Error(`the seed has no ${DOMAIN} domain`);
  original = String(node.props.description);
});

afterAll(async () => {
  // Put the description back through the same path a deployment would use.
  await writer?.driver.close();
  await Promise.all([a?.close(), b?.close()]);
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The curated graph with the domain's description changed (and its content hash, so the loader writes it). */
function withDescription(text: string): SeedGraph {
  return { ...curated, nodes: curated.nodes.map((n) => (n.id === DOMAIN ? { ...n, hash: `${n.hash}-${text}`, props: { ...n.props, description: text } } : n)) };
}

describe('read cache: a write is visible to the next read', () => {
  it('the cache is really used: a repeated read is answered from memory', async () => {
    const before = a.database.db.cache!.stats.responseHits;
    await description(a);
    await description(a);
    expect(a.database.db.cache!.stats.responseHits).toBeGreaterThan(before);
  });

  it('a seed run through one loader is seen by the next read on both instances', async () => {
    await Promise.all([description(a), description(b)]); // both caches warm
    const text = `Changed by the seed loader at ${Date.now()}.`;
    await loadSeed(writer, withDescription(text));
    expect(await description(a)).toBe(text);
    expect(await description(b)).toBe(text);
    await loadSeed(writer, curated);
    expect(await description(b)).toBe(original);
    expect(await description(a)).toBe(original);
  });

  it('a write made by another process in plain Cypher, bumping the version, is seen by both instances', async () => {
    await Promise.all([description(a), description(b)]);
    const text = `Changed in Cypher at ${Date.now()}.`;
    const session = writer.driver.session();
    try {
      await session.executeWrite(async (tx) => {
        await tx.run('MATCH (d:Domain {id: $id}) SET d.description = $text', { id: DOMAIN, text });
        await tx.run(cypher('data-version-bump'));
      });
    } finally {
      await session.close();
    }
    expect(await description(a)).toBe(text);
    expect(await description(b)).toBe(text);
  });

  it('Db.writeTx moves the version itself when a write query does not', async () => {
    await Promise.all([description(a), description(b)]);
    const text = `Changed through Db.writeTx at ${Date.now()}.`;
    const node = withDescription(text).nodes.find((n) => n.id === DOMAIN)!;
    const before = await writer.dataVersion();
    // seed-nodes alone never touches the version; the transaction wrapper must.
    await writer.writeTx((run) => run('seed-nodes', { rows: [{ id: node.id, label: node.label, hash: node.hash, props: node.props }] }));
    expect(await writer.dataVersion()).toBeGreaterThan(before ?? 0);
    expect(await description(b)).toBe(text);
    expect(await description(a)).toBe(text);
  });

  it('the version is what invalidates: a write that skips it stays unseen until the version moves', async () => {
    await description(a);
    const v1 = await writer.dataVersion();
    const sneaky = `Sneaky ${Date.now()}`;
    const session = writer.driver.session();
    try {
      await session.run('MATCH (d:Domain {id: $id}) SET d.description = $text', { id: DOMAIN, text: sneaky });
      const seen = await description(a);
      // Other test files write too; only when nobody moved the version meanwhile is the stale answer expected.
      if ((await writer.dataVersion()) === v1) expect(seen).not.toBe(sneaky);
      await session.run(cypher('data-version-bump'));
      expect(await description(a)).toBe(sneaky);
    } finally {
      await session.close();
    }
  });
});

describe('ReadCache version reads', () => {
  /** A fake database: each version read is a promise the test resolves by hand. */
  function fake() {
    const pending: Array<(v: number) => void> = [];
    const cache = new ReadCache(() => new Promise<number>((r) => pending.push(r)), { maxEntries: 10, maxRows: 100, maxResponseBytes: 1000 });
    return { cache, pending };
  }

  it('never reuses a version read that was already on the wire when the request arrived', async () => {
    const { cache, pending } = fake();
    const first = cache.generation(); // read #1 goes out
    const second = cache.generation(); // arrives while #1 is in flight: must wait for a read that starts later
    const third = cache.generation(); // shares that later read
    expect(pending.length).toBe(1);
    pending[0](1); // #1 answers version 1 (a write then lands: version 2)
    expect((await first).version).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(pending.length).toBe(2); // read #2 started only after #1 returned
    pending[1](2);
    expect((await second).version).toBe(2);
    expect(await third).toBe(await second);
  });

  it('keeps one generation per version and starts afresh when the version moves', async () => {
    const { cache, pending } = fake();
    const g1 = cache.generation();
    pending[0](7);
    const gen1 = await g1;
    const g2 = cache.generation();
    await new Promise((r) => setTimeout(r, 0));
    pending[1](7);
    expect(await g2).toBe(gen1);
    const g3 = cache.generation();
    await new Promise((r) => setTimeout(r, 0));
    pending[2](8);
    expect(await g3).not.toBe(gen1);
  });

  it("freezes cached rows, so no request can change another request's answer", async () => {
    const { cache, pending } = fake();
    const g = cache.generation();
    pending[0](1);
    const gen = await g;
    const rows = await cache.rows(gen, 'k', async () => [{ list: [1, 2] }], { count: 0 });
    expect(() => (rows[0].list as number[]).push(3)).toThrow(TypeError);
  });
});
