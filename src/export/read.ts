import type { Db } from '../db/run.js';
import { INTERNAL_PROPS, type ExportGraph, type Value } from './graph.js';

const clean = (props: Record<string, unknown>): Record<string, Value> =>
  Object.fromEntries(Object.entries(props).filter(([k]) => !INTERNAL_PROPS.has(k))) as Record<string, Value>;

/** Reads every entity and relationship (cypher/export-nodes, export-edges) in two queries. */
export async function readGraph(db: Db): Promise<ExportGraph> {
  const [nodes, edges] = await Promise.all([db.read('export-nodes'), db.read('export-edges')]);
  return {
    nodes: nodes.map((r) => {
      const props = r.props as Record<string, unknown>;
      return { id: String(props.id), label: r.label as string, props: clean(props) };
    }),
    edges: edges.map((r) => ({ fromId: r.fromId as string, type: r.type as string, toId: r.toId as string, props: clean(r.props as Record<string, unknown>) })),
  };
}
