import type { Db } from '../db/run.js';
import { INTERNAL_PROPS, type ExportGraph, type Value } from './graph.js';
import type { MatrixData, MatrixSpec } from './matrices.js';

const clean = (props: Record<string, unknown>): Record<string, Value> =>
  Object.fromEntries(Object.entries(props).filter(([k]) => !INTERNAL_PROPS.has(k))) as Record<string, Value>;

/** Reads every entity, relationship and crosswalk mapping (cypher/export-nodes, export-edges, export-mappings). */
export async function readGraph(db: Db): Promise<ExportGraph> {
  const [nodes, edges, mappings] = await Promise.all([db.read('export-nodes'), db.read('export-edges'), db.read('export-mappings')]);
  return {
    nodes: nodes.map((r) => {
      const props = r.props as Record<string, unknown>;
      return { id: String(props.id), label: r.label as string, props: clean(props) };
    }),
    edges: edges.map((r) => ({ fromId: r.fromId as string, type: r.type as string, toId: r.toId as string, props: clean(r.props as Record<string, unknown>) })),
    mappings: mappings.map((r) => ({
      subjectId: r.subjectId as string,
      objectId: r.objectId as string,
      objectIri: r.objectIri as string,
      objectLabel: r.objectLabel as string,
      objectOntology: r.objectOntology as string,
      props: clean(r.props as Record<string, unknown>),
    })),
  };
}

/** One technique matrix in one query (cypher/export-matrix), for the routes: far less than the whole graph. */
export async function readMatrix(db: Db, spec: MatrixSpec): Promise<MatrixData> {
  const [row] = await db.read('export-matrix', { from: spec.from, to: spec.to, type: spec.type });
  const name = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    from: (row.fromNodes as Array<Record<string, unknown>>).map((n) => ({ id: String(n.id), name: name(n.name) })),
    to: (row.toNodes as Array<Record<string, unknown>>).map((n) => ({ id: String(n.id), name: name(n.name) })),
    links: (row.links as Array<Record<string, unknown>>).map((l) => ({
      fromId: String(l.fromId),
      toId: String(l.toId),
      evidence: name(l.evidence),
      sources: Array.isArray(l.sources) ? l.sources.map(String) : [],
    })),
  };
}
