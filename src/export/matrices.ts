import { table } from './csv.js';
import type { ExportGraph, ExportNode } from './graph.js';

/**
 * Technique × X matrices as data, read off one relationship type: technique × mechanism is ACTS_THROUGH,
 * technique × target is ADDRESSES. Written generically over the relationship, so a matrix has exactly as many
 * long-form rows as the graph has relationships of that type between the two kinds.
 */
export interface MatrixSpec {
  /** File stem: `<name>.csv` (long form) and `<name>-wide.csv` (0/1 grid). */
  name: string;
  /** The relationship, (from)-[:type]->(to). */
  type: string;
  from: string;
  to: string;
  /** Column prefixes: technique_id, mechanism_id, ... */
  fromColumn: string;
  toColumn: string;
  /** For the docs and the release's RO-Crate. */
  description: string;
}

export const MATRICES: MatrixSpec[] = [
  {
    name: 'technique-mechanism',
    type: 'ACTS_THROUGH',
    from: 'Technique',
    to: 'Mechanism',
    fromColumn: 'technique',
    toColumn: 'mechanism',
    description: 'Technique × mechanism of change (ACTS_THROUGH): one row per technique–mechanism link, with its evidence level and sources.',
  },
  {
    name: 'technique-target',
    type: 'ADDRESSES',
    from: 'Technique',
    to: 'Target',
    fromColumn: 'technique',
    toColumn: 'target',
    description: 'Technique × clinical target (ADDRESSES): one row per technique–target link, with its evidence level and sources.',
  },
];

/** Sources in one cell, as the matrix columns document them (CSV readers split on it easily). */
export const MATRIX_SOURCE_SEPARATOR = ';';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What a matrix is made of: every entity of both kinds (the grid's rows and columns) and the links. */
export interface MatrixData {
  from: Array<{ id: string; name: string }>;
  to: Array<{ id: string; name: string }>;
  links: Array<{ fromId: string; toId: string; evidence: string; sources: string[] }>;
}

const entity = (n: ExportNode) => ({ id: n.id, name: typeof n.props.name === 'string' ? n.props.name : '' });

/** A matrix's data from the whole graph (the release and `ipkg export`; the routes read it with one query). */
export function matrixData(graph: ExportGraph, spec: MatrixSpec): MatrixData {
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  return {
    from: graph.nodes.filter((n) => n.label === spec.from).map(entity),
    to: graph.nodes.filter((n) => n.label === spec.to).map(entity),
    links: graph.edges
      .filter((e) => e.type === spec.type && label.get(e.fromId) === spec.from && label.get(e.toId) === spec.to)
      .map((e) => ({
        fromId: e.fromId,
        toId: e.toId,
        evidence: typeof e.props.evidence === 'string' ? e.props.evidence : '',
        sources: Array.isArray(e.props.sources) ? e.props.sources.map(String) : [],
      })),
  };
}

export interface MatrixRow {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  evidence: string;
  sources: string[];
}

/** The links of one matrix with both ends' names, ordered by the from id then the to id. */
export function matrixRows(data: MatrixData): MatrixRow[] {
  const fromName = new Map(data.from.map((n) => [n.id, n.name]));
  const toName = new Map(data.to.map((n) => [n.id, n.name]));
  return data.links
    .map((l) => ({
      fromId: l.fromId,
      fromName: fromName.get(l.fromId) ?? '',
      toId: l.toId,
      toName: toName.get(l.toId) ?? '',
      evidence: l.evidence,
      sources: l.sources,
    }))
    .sort((a, b) => (a.fromId < b.fromId ? -1 : a.fromId > b.fromId ? 1 : a.toId < b.toId ? -1 : a.toId > b.toId ? 1 : 0));
}

/** Long form: technique_id, technique_name, <to>_id, <to>_name, evidence, sources. */
export function matrixLongCsv(data: MatrixData, spec: MatrixSpec): string {
  const f = spec.fromColumn;
  const t = spec.toColumn;
  const header = [`${f}_id`, `${f}_name`, `${t}_id`, `${t}_name`, 'evidence', 'sources'];
  return table(
    header,
    matrixRows(data).map((r) => ({
      [`${f}_id`]: r.fromId,
      [`${f}_name`]: r.fromName,
      [`${t}_id`]: r.toId,
      [`${t}_name`]: r.toName,
      evidence: r.evidence,
      sources: r.sources.join(MATRIX_SOURCE_SEPARATOR),
    })),
  );
}

/**
 * Wide form, for heat maps: one row per entity of the `from` kind (all of them, linked or not), one column per
 * entity of the `to` kind (by id), 1 where the relationship exists and 0 where it does not.
 */
export function matrixWideCsv(data: MatrixData, spec: MatrixSpec): string {
  const rows = [...data.from].sort(byId);
  const cols = [...data.to].sort(byId);
  const linked = new Set(data.links.map((l) => `${l.fromId}\u0000${l.toId}`));
  const f = spec.fromColumn;
  const header = [`${f}_id`, `${f}_name`, ...cols.map((c) => c.id)];
  return table(
    header,
    rows.map((r) => ({
      [`${f}_id`]: r.id,
      [`${f}_name`]: r.name,
      ...Object.fromEntries(cols.map((c) => [c.id, linked.has(`${r.id}\u0000${c.id}`) ? '1' : '0'])),
    })),
  );
}

/** The two files of a matrix, named as the routes name them (/export/<name>.csv and /export/<name>-wide.csv). */
export function matrixFiles(data: MatrixData, spec: MatrixSpec): Array<{ name: string; content: string; description: string }> {
  return [
    { name: `${spec.name}.csv`, content: matrixLongCsv(data, spec), description: spec.description },
    {
      name: `${spec.name}-wide.csv`,
      content: matrixWideCsv(data, spec),
      description: `${spec.description.split(':')[0]} as a 0/1 grid: one row per ${spec.from.toLowerCase()}, one column per ${spec.to.toLowerCase()}.`,
    },
  ];
}
