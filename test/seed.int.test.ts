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

  it('a load in many batches stays invisible until its final transaction, then shows all of it', async () => {
    const graph = curated();
    const before = await counts();
    const probes = Array.from({ length: 60 }, (_, i) => `batch-probe-${i}`);
    const big: SeedGraph = {
      ...graph,
      nodes: [
        ...graph.nodes,
        ...probes.map((id) => ({
          id,
          label: 'Mechanism' as const,
          props: { id, name: id, description: 'd', sources: ['beck-1979'], evidence: 'EXPERT_OPINION', seeded: true },
          hash: id,
        })),
      ],
      // Between probes, and from a probe to a curated technique: both kinds of staged relationship.
      edges: [
        ...graph.edges,
        ...probes.slice(1).map((id, i) => ({
          from: id,
          to: probes[i],
          type: 'RELATED_TO',
          props: { sources: ['beck-1979'], evidence: 'EXPERT_OPINION', seeded: true },
          hash: id,
        })),
        ...probes.map((id) => ({
          from: 'thought-record',
          to: id,
          type: 'ACTS_THROUGH',
          props: { sources: ['beck-1979'], evidence: 'EXPERT_OPINION', seeded: true },
          hash: id,
        })),
      ],
    };
    // What a reader sees just before the final transaction: the old graph, with everything staged.
    let seenBeforeFlip: { counts: string[]; staged: number; version: number | null } | undefined;
    const watched = Object.create(db) as Db;
    watched.writeTx = async <T>(work: Parameters<Db['writeTx']>[0], timeoutMs?: number): Promise<T> => {
      seenBeforeFlip = { counts: await counts(), staged: Number((await db.read('seed-staged-count'))[0].staged), version: await db.dataVersion() };
      return db.writeTx(work as never, timeoutMs);
    };
    const versionBefore = await db.dataVersion();
    const lines: string[] = [];
    const r = await loadSeed(watched, big, { batchSize: 7, progress: (l) => lines.push(l) });
    expect(seenBeforeFlip).toEqual({ counts: before, staged: probes.length, version: versionBefore });
    expect(lines.filter((l) => l.startsWith('seed: staged nodes'))).toHaveLength(Math.ceil(probes.length / 7));
    expect(r.nodesChanged).toBe(probes.length);
    expect(r.edgesChanged).toBe(2 * probes.length - 1);
    expect(r.dataVersion).toBe(Number(versionBefore) + 1);
    expect(await probe('batch-probe-59')).not.toBeNull();
    expect(
      (await db.read('links-out', { ids: ['thought-record'], types: ['ACTS_THROUGH'], label: null, fields: null, withProps: false })).length,
    ).toBeGreaterThanOrEqual(probes.length);
    expect(Number((await db.read('seed-staged-count'))[0].staged)).toBe(0);
    // And back: pruning the probes restores the curated graph exactly.
    await loadSeed(db, graph, { prune: true });
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('a load that fails after several staging batches removes what it staged', async () => {
    const graph = curated();
    const before = await counts();
    const ids = Array.from({ length: 20 }, (_, i) => `stage-fail-${i}`);
    const broken: SeedGraph = {
      ...graph,
      nodes: [...graph.nodes, ...ids.map((id) => ({ id, label: 'Mechanism' as const, props: { id, name: id, seeded: true }, hash: id }))],
      edges: [...graph.edges, { from: ids[0], to: 'thought-record', type: '', props: { sources: [], evidence: 'THEORETICAL' }, hash: 'y' }],
    };
    await expect(loadSeed(db, broken, { batchSize: 3 })).rejects.toThrow();
    expect(Number((await db.read('seed-staged-count'))[0].staged)).toBe(0);
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
