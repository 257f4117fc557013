import { randomUUID } from 'node:crypto';
import type { Run } from '../db/queries.js';
import type { Db } from '../db/run.js';
import type { EdgeRow, NodeRow, SeedGraph } from './compile.js';

export interface LoadResult {
  nodesChanged: number;
  edgesChanged: number;
  /** Crosswalk mappings (MAPS_TO) written. */
  mappingsChanged: number;
  pruned: { nodes: number; edges: number };
  dataVersion: number;
}

export interface LoadOptions {
  prune?: boolean;
  progress?: (line: string) => void;
  /** Rows per staging transaction (tests make it small to cross batch boundaries). */
  batchSize?: number;
}

const BATCH = 5_000;
/** Bulk work, not a request: each transaction gets minutes, not the per-query timeout. */
const SEED_TIMEOUT_MS = 600_000;

function* batches<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const edgeKey = (e: Pick<EdgeRow, 'from' | 'type' | 'to'>) => `${e.from}|${e.type}|${e.to}`;
const nodeParams = (n: NodeRow) => ({ id: n.id, label: n.label, hash: n.hash, props: n.props });

/** What a load has to do, from what the database already holds: new nodes and their relationships are staged; the rest waits for the flip. */
export interface LoadPlan {
  /** Nodes the database lacks: staged in batches. */
  stageNodes: NodeRow[];
  /** Relationships with a new end: staged beside it. */
  stageEdges: EdgeRow[];
  /** Existing nodes whose content changed: written in the flip. */
  changedNodes: NodeRow[];
  /** New or changed relationships between existing nodes: written in the flip. */
  flipEdges: EdgeRow[];
}

/** Pure: sorts a graph's rows by what the database holds (id -> seed hash, relationship key -> seed hash). */
export function planLoad(graph: SeedGraph, nodeHashes: Map<string, string | null>, edgeHashes: Map<string, string>): LoadPlan {
  const stageNodes: NodeRow[] = [];
  const changedNodes: NodeRow[] = [];
  for (const n of graph.nodes) {
    if (!nodeHashes.has(n.id)) stageNodes.push(n);
    else if (nodeHashes.get(n.id) !== n.hash) changedNodes.push(n);
  }
  const stageEdges: EdgeRow[] = [];
  const flipEdges: EdgeRow[] = [];
  for (const e of graph.edges) {
    if (!nodeHashes.has(e.from) || !nodeHashes.has(e.to)) stageEdges.push(e);
    else if (edgeHashes.get(edgeKey(e)) !== e.hash) flipEdges.push(e);
  }
  return { stageNodes, stageEdges, changedNodes, flipEdges };
}

/**
 * Loads a compiled seed graph all or nothing, in batches, so a graph of any size fits: new nodes and their
 * relationships are first staged under a run id in transactions of `batchSize` rows (invisible to every query, and
 * leaving the data version alone), then one final transaction flips them visible, writes the changed nodes and the
 * new or changed relationships between existing ones, the mappings and the prune, and moves the data version. A
 * failure anywhere removes what was staged, so the database is as it was. Unchanged rows (same content hash) cost
 * nothing: loading twice changes nothing. One load at a time: a load first clears what a crashed one left staged.
 */
export async function loadSeed(db: Db, graph: SeedGraph, opts: LoadOptions = {}): Promise<LoadResult> {
  const progress = opts.progress ?? (() => {});
  const size = opts.batchSize ?? BATCH;
  const run = randomUUID();
  const left = count(await db.bulkRead('seed-staged-count', {}, SEED_TIMEOUT_MS), 'staged');
  if (left > 0) {
    progress(`seed: clearing ${left} nodes an earlier load staged and never finished`);
    await unstage(db, null);
  }
  const [nodeRows, edgeRows] = await Promise.all([
    db.bulkRead('seed-existing-nodes', {}, SEED_TIMEOUT_MS),
    db.bulkRead('seed-existing-edges', {}, SEED_TIMEOUT_MS),
  ]);
  const nodeHashes = new Map(nodeRows.map((r) => [r.id, r.hash ?? null]));
  const edgeHashes = new Map(edgeRows.map((r) => [r.key, r.hash]));
  const plan = planLoad(graph, nodeHashes, edgeHashes);
  progress(
    `seed: ${plan.stageNodes.length} new nodes and ${plan.stageEdges.length} relationships to stage; ` +
      `${plan.changedNodes.length} changed nodes and ${plan.flipEdges.length} relationships for the final transaction`,
  );
  try {
    let done = 0;
    for (const rows of batches(plan.stageNodes, size)) {
      await db.stageTx((tx) => tx('seed-stage-nodes', { run, rows: rows.map(nodeParams) }), SEED_TIMEOUT_MS);
      done += rows.length;
      progress(`seed: staged nodes ${done}/${plan.stageNodes.length}`);
    }
    done = 0;
    for (const rows of batches(plan.stageEdges, size)) {
      await db.stageTx((tx) => tx('seed-stage-edges', { run, rows }), SEED_TIMEOUT_MS);
      done += rows.length;
      progress(`seed: staged relationships ${done}/${plan.stageEdges.length}`);
    }
    progress('seed: final transaction (flip, changes, mappings' + (opts.prune ? ', prune' : '') + ')...');
    return await db.writeTx((tx) => finish(tx, graph, plan, run, size, opts.prune ?? false), SEED_TIMEOUT_MS);
  } catch (err) {
    await unstage(db, run).catch(() => {}); // the load's own error is the one to report
    throw err;
  }
}

/** A count column of a query's one row (0 when it returns none). */
const count = <R, K extends keyof R>(rows: readonly R[], key: K) => Number(rows[0]?.[key] ?? 0);

async function finish(tx: Run, graph: SeedGraph, plan: LoadPlan, run: string, size: number, prune: boolean): Promise<LoadResult> {
  const flipped = count(await tx('seed-flip', { run }), 'flipped');
  let nodesChanged = flipped;
  for (const rows of batches(plan.changedNodes, size)) nodesChanged += count(await tx('seed-nodes', { rows: rows.map(nodeParams) }), 'changed');
  let edgesChanged = plan.stageEdges.length;
  for (const rows of batches(plan.flipEdges, size)) edgesChanged += count(await tx('seed-edges', { rows }), 'changed');
  let mappingsChanged = 0;
  for (const rows of batches(graph.mappings, size)) mappingsChanged += count(await tx('seed-mappings', { rows }), 'changed');
  let pruned = { nodes: 0, edges: 0 };
  if (prune) {
    const r = (await tx('seed-prune', { ids: graph.nodes.map((n) => n.id), edgeKeys: graph.edges.map(edgeKey) }))[0];
    // Mappings and the external terms they leave unused count as pruned relationships and nodes.
    const m = (await tx('seed-mappings-prune', { keys: graph.mappings.map((x) => `${x.subject}|${x.objectId}`) }))[0];
    pruned = { nodes: Number(r?.nodes ?? 0) + Number(m?.terms ?? 0), edges: Number(r?.edges ?? 0) + Number(m?.mappings ?? 0) };
  }
  const changed = nodesChanged + edgesChanged + mappingsChanged + pruned.nodes + pruned.edges;
  const fin = await tx('seed-finish', { files: graph.files, changed });
  return { nodesChanged, edgesChanged, mappingsChanged, pruned, dataVersion: count(fin, 'dataVersion') };
}

/** Removes what a run staged ($run), or every staged node (null), a batch per transaction. */
async function unstage(db: Db, run: string | null): Promise<void> {
  while (count(await db.stageTx((tx) => tx('seed-unstage', { run })), 'removed') > 0);
}
