import type { EdgeRow as SeedEdge, NodeRow as SeedNode, SeedGraph } from './compile.js';

/**
 * A synthetic graph `factor` times the curated one, with the same shape: every content node (models, techniques,
 * tenets, mechanisms, contraindications, sources, factors) is cloned with a suffixed id (`-x<k>`), and every
 * relationship is cloned once per copy. The closed vocabularies (domains, modalities, phases, stages, processes
 * of change, client factors, integration strategies) are not cloned: a bigger literature has more techniques
 * targeting the same seven modalities, not more modalities.
 *
 * Rewiring keeps per-type degree distributions exactly: the clone of edge a-[T]->b in copy k goes from a's copy k
 * to b's copy sigma_e(k), where sigma_e is a shift (random per edge, fixed seed) within a block of 9 copies. Each
 * copy of a node therefore has the original's out-degree and in-degree per relationship type, while the copies are
 * wired to each other rather than forming disjoint replicas. Blocks make the 10x graph a subset of the 100x graph,
 * so scaling up only adds. The curated nodes and edges themselves are left exactly as seeded.
 */

export const VOCABULARY = new Set(['Domain', 'Modality', 'Phase', 'StageOfChange', 'ProcessOfChange', 'ClientFactor', 'IntegrationStrategy']);
const BLOCK = 9;

/** Deterministic per-edge pseudo-random shift (FNV-1a of the edge key). */
function shift(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BLOCK;
}

const cloneId = (id: string, k: number) => `${id}-x${k}`;

/** The curated graph plus copies 1..factor-1 (factor 1 is the curated graph itself). */
export function syntheticGraph(curated: SeedGraph, factor: number): SeedGraph {
  const copies = Math.max(0, Math.ceil((factor - 1) / BLOCK) * BLOCK); // whole blocks: 10x -> 9 copies, 100x -> 99
  const label = new Map(curated.nodes.map((n) => [n.id, n.label]));
  const vocab = (id: string) => VOCABULARY.has(label.get(id) ?? '');
  const nodes: SeedNode[] = [...curated.nodes];
  const edges: SeedEdge[] = [...curated.edges];
  for (let k = 1; k <= copies; k++) {
    for (const n of curated.nodes) {
      if (VOCABULARY.has(n.label)) continue;
      const id = cloneId(n.id, k);
      nodes.push({ ...n, id, hash: `${n.hash}:${k}`, props: { ...n.props, id, name: `${String(n.props.name ?? n.id)} #${k}`, synthetic: true } } as SeedNode);
    }
    for (const e of curated.edges) {
      const [fromV, toV] = [vocab(e.from), vocab(e.to)];
      if (fromV && toV) continue; // vocabulary-to-vocabulary structure exists once
      const block = Math.floor((k - 1) / BLOCK);
      const j = block * BLOCK + ((((k - 1) % BLOCK) + shift(`${e.from}|${e.type}|${e.to}`)) % BLOCK) + 1;
      edges.push({ ...e, from: fromV ? e.from : cloneId(e.from, k), to: toV ? e.to : cloneId(e.to, j), hash: `${e.hash}:${k}` } as SeedEdge);
    }
  }
  return { ...curated, nodes, edges };
}
