import { columns, flat, nodeIri, type ExportGraph, type Value } from './graph.js';

/**
 * CSV per RFC 4180: CRLF line ends, a header row, and a field quoted (quotes doubled) when it holds a comma,
 * a quote, CR or LF. Lists are joined by " | ". One row per node or relationship, so row counts are graph counts.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function table(header: string[], rows: Array<Record<string, Value | undefined>>): string {
  const lines = [header.map(csvField).join(','), ...rows.map((r) => header.map((h) => csvField(flat(r[h]))).join(','))];
  return lines.join('\r\n') + '\r\n';
}

export function nodesCsv(graph: ExportGraph, base: string): string {
  const header = columns(graph.nodes, ['id', 'label', 'name', 'description', 'aliases', 'evidence', 'sources', 'iri']);
  return table(
    header,
    graph.nodes.map((n) => ({ ...n.props, id: n.id, label: n.label, iri: nodeIri(base, n.id) })),
  );
}

export function edgesCsv(graph: ExportGraph): string {
  const header = columns(graph.edges, ['from', 'type', 'to', 'evidence', 'sources']);
  return table(
    header,
    graph.edges.map((e) => ({ ...e.props, from: e.fromId, type: e.type, to: e.toId })),
  );
}
