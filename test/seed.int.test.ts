import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { applySchema } from '../src/db/open.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/run.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j-local/launcher.js';
import { compileSeed, type SeedGraph } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { freePort } from './global-setup.js';

/**
 * The loader against a real Neo4j of its OWN: these tests load, add a probe and prune, and the shared graph's
 * readers (the fuzz test's before/after counts, paging totals) must never see that, nor wait for it to settle.
 */

let dataDir: string;
let neo4j: LocalNeo4j | undefined;
let db: Db;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipkg-seed-neo4j-'));
  const config = loadConfig();
  // A loaded machine can take minutes to start a JVM: wait for it rather than fail on slowness.
  neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heapMb: 384, pageCacheMb: 64, startTimeoutS: 600 });
  db = new Db(createDriver(config, neo4j.uri), { timeoutMs: 60_000, cache: false });
  await applySchema(db);
}, 900_000);

afterAll(async () => {
  await db?.driver.close();
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const curated = () => {
  const { graph, errors } = compileSeed();
  expect(errors).toEqual([]);
  return graph;
};

const probe = (id: string) => db.read('nodes-by-id', { ids: [id] }).then((r) => r[0].node);
const counts = async () => (await db.read('graph-counts')).map((r) => `${r.kind}:${r.name}=${r.count}`).sort();

describe('seed loader', () => {
  it('loads every node and relationship of the files into an empty database', async () => {
    const graph = curated();
    const r = await loadSeed(db, graph);
    expect(r.nodesChanged).toBe(graph.nodes.length);
    expect(r.edgesChanged).toBe(graph.edges.length);
    const nodes = (await db.read('graph-counts')).filter((c) => c.kind === 'node').reduce((s, c) => s + Number(c.count), 0);
    expect(nodes).toBe(graph.nodes.length);
  }, 600_000);

  it('loading the same files again changes nothing', async () => {
    const before = await counts();
    const r = await loadSeed(db, curated());
    expect(r.nodesChanged).toBe(0);
    expect(r.edgesChanged).toBe(0);
    expect(r.mappingsChanged).toBe(0);
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('a load that fails part-way writes nothing', async () => {
    const graph = curated();
    const before = await counts();
    const broken: SeedGraph = {
      ...graph,
      nodes: [...graph.nodes, { id: 'atomicity-probe', label: 'Mechanism', props: { id: 'atomicity-probe', name: 'probe', seeded: true }, hash: 'x' }],
      // An empty relationship type makes Neo4j fail after the nodes were written, inside the same transaction.
      edges: [...graph.edges, { from: 'atomicity-probe', to: 'thought-record', type: '', props: { sources: [], evidence: 'THEORETICAL' }, hash: 'y' }],
    };
    await expect(loadSeed(db, broken)).rejects.toThrow();
    expect(await probe('atomicity-probe')).toBeNull();
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('--prune removes what the files no longer hold, and only that', async () => {
    const graph = curated();
    const before = await counts();
    const extra: SeedGraph = {
      ...graph,
      nodes: [
        ...graph.nodes,
        {
          id: 'prune-probe',
          label: 'Mechanism',
          props: { id: 'prune-probe', name: 'probe', description: 'd', sources: ['beck-1979'], evidence: 'EXPERT_OPINION', seeded: true },
          hash: 'p',
        },
      ],
    };
    await loadSeed(db, extra);
    expect(await probe('prune-probe')).not.toBeNull();
    const r = await loadSeed(db, graph, { prune: true });
    expect(r.pruned.nodes).toBe(1);
    expect(await probe('prune-probe')).toBeNull();
    expect(await probe('thought-record')).not.toBeNull();
    expect(await counts()).toEqual(before);
  }, 600_000);
});
