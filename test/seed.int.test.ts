import { afterAll, describe, expect, it } from 'vitest';
import { compileSeed, type SeedGraph } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { testDb } from './db.js';

/** The loader against the real test database: idempotent, atomic, and able to prune. */

const { db, close } = testDb();
afterAll(close);

const curated = () => {
  const { graph, errors } = compileSeed();
  expect(errors).toEqual([]);
  return graph;
};

const probe = (id: string) => db.read('nodes-by-id', { ids: [id] }).then((r) => r[0].node);

describe('seed loader', () => {
  it('loading the same files again changes nothing', async () => {
    const r = await loadSeed(db, curated());
    expect(r.nodesChanged).toBe(0);
    expect(r.edgesChanged).toBe(0);
  });

  it('a load that fails part-way writes nothing', async () => {
    const graph = curated();
    const broken: SeedGraph = {
      ...graph,
      nodes: [...graph.nodes, { id: 'atomicity-probe', label: 'Mechanism', props: { id: 'atomicity-probe', name: 'probe', seeded: true }, hash: 'x' }],
      // An empty relationship type makes Neo4j fail after the nodes were written, inside the same transaction.
      edges: [...graph.edges, { from: 'atomicity-probe', to: 'thought-record', type: '', props: { sources: [], evidence: 'THEORETICAL' }, hash: 'y' }],
    };
    await expect(loadSeed(db, broken)).rejects.toThrow();
    expect(await probe('atomicity-probe')).toBeNull();
  });

  it('--prune removes what the files no longer hold, and only that', async () => {
    const graph = curated();
    const extra: SeedGraph = {
      ...graph,
      nodes: [...graph.nodes, { id: 'prune-probe', label: 'Mechanism', props: { id: 'prune-probe', name: 'probe', description: 'd', sources: ['beck-1979'], evidence: 'EXPERT_OPINION', seeded: true }, hash: 'p' }],
    };
    await loadSeed(db, extra);
    expect(await probe('prune-probe')).not.toBeNull();
    const r = await loadSeed(db, graph, { prune: true });
    expect(r.pruned.nodes).toBe(1);
    expect(await probe('prune-probe')).toBeNull();
    expect(await probe('thought-record')).not.toBeNull();
  });
});
