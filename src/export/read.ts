import type { Db } from '../db/run.js';
import { INTERNAL_PROPS, type ExportGraph, type Value } from './graph.js';
import type { MatrixData, MatrixSpec } from './matrices.js';

const clean = (props: Record<string, Value>): Record<string, Value> => Object.fromEntries(Object.entries(props).filter(([k]) => !INTERNAL_PROPS.has(k)));

/** Reads every entity, relationship and crosswalk mapping (cypher/export-nodes, export-edges, export-mappings). */
export async function readGraph(db: Db): Promise<ExportGraph> {
  const [nodes, edges, mappings] = await Promise.all([db.read('export-nodes'), db.read('export-edges'), db.read('export-mappings')]);
  return {
    nodes: nodes.map((r) => ({ id: String(r.props.id), label: r.label, props: clean(r.props) })),
    edges: edges.map((r) => ({ fromId: r.fromId, type: r.type, toId: r.toId, props: clean(r.props) })),
    mappings: mappings.map((r) => ({
      subjectId: r.subjectId,
      objectId: r.objectId,
      objectIri: r.objectIri,
      objectLabel: r.objectLabel,
      objectOntology: r.objectOntology,
      props: clean(r.props),
    })),
  };
}

/** One technique matrix in one query (cypher/export-matrix), for the routes: far less than the whole graph. */
export async function readMatrix(db: Db, spec: MatrixSpec): Promise<MatrixData> {
  const [row] = await db.read('export-matrix', { from: spec.from, to: spec.to, type: spec.type });
  const name = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    from: row.fromNodes.map((n) => ({ id: String(n.id), name: name(n.name) })),
    to: row.toNodes.map((n) => ({ id: String(n.id), name: name(n.name) })),
    links: row.links.map((l) => ({
      fromId: String(l.fromId),
      toId: String(l.toId),
      evidence: name(l.evidence),
      sources: Array.isArray(l.sources) ? l.sources.map(String) : [],
    })),
  };
}
