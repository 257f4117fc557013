import type { Db } from '../db/run.js';
import type { SeedGraph } from './compile.js';

export interface LoadResult {
  nodesChanged: number;
  edgesChanged: number;
  /** Crosswalk mappings (MAPS_TO) written. */
  mappingsChanged: number;
  pruned: { nodes: number; edges: number };
  dataVersion: number;
}

const BATCH = 2000;
/** A whole-graph load is bulk work, not a request: it gets minutes, not the per-query timeout. */
const SEED_TIMEOUT_MS = 600_000;

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * Writes a compiled seed graph in ONE write transaction: a failure anywhere leaves the database as it was.
 * Unchanged nodes and edges (same content hash) are skipped, so loading twice changes nothing.
 */
export async function loadSeed(db: Db, graph: SeedGraph, opts: { prune?: boolean; progress?: (line: string) => void } = {}): Promise<LoadResult> {
  const progress = opts.progress ?? (() => {});
  return db.writeTx(async (run) => {
    let nodesChanged = 0;
    let edgesChanged = 0;
    let done = 0;
    for (const rows of batches(graph.nodes)) {
      const params = rows.map((n) => ({ id: n.id, label: n.label, hash: n.hash, props: n.props }));
      nodesChanged += Number((await run('seed-nodes', { rows: params }))[0]?.changed ?? 0);
      done += rows.length;
      progress(`seed: nodes ${done}/${graph.nodes.length}`);
    }
    done = 0;
    for (const rows of batches(graph.edges)) {
      edgesChanged += Number((await run('seed-edges', { rows }))[0]?.changed ?? 0);
      done += rows.length;
      progress(`seed: relationships ${done}/${graph.edges.length}`);
    }
    let mappingsChanged = 0;
    for (const rows of batches(graph.mappings)) mappingsChanged += Number((await run('seed-mappings', { rows }))[0]?.changed ?? 0);
    if (graph.mappings.length) progress(`seed: mappings ${graph.mappings.length}`);
    let pruned = { nodes: 0, edges: 0 };
    if (opts.prune) {
      const r = (await run('seed-prune', { ids: graph.nodes.map((n) => n.id), edgeKeys: graph.edges.map((e) => `${e.from}|${e.type}|${e.to}`) }))[0];
      // Mappings and the external terms they leave unused count as pruned relationships and nodes.
      const m = (await run('seed-mappings-prune', { keys: graph.mappings.map((x) => `${x.subject}|${x.objectId}`) }))[0];
      pruned = { nodes: Number(r?.nodes ?? 0) + Number(m?.terms ?? 0), edges: Number(r?.edges ?? 0) + Number(m?.mappings ?? 0) };
    }
    const changed = nodesChanged + edgesChanged + mappingsChanged + pruned.nodes + pruned.edges;
    const fin = await run('seed-finish', { files: graph.files, changed });
    return { nodesChanged, edgesChanged, mappingsChanged, pruned, dataVersion: Number(fin[0]?.dataVersion ?? 0) };
  }, SEED_TIMEOUT_MS);
}
