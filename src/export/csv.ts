import { columns, flat, nodeIri, type ExportGraph, type Value } from './graph.js';

/**
 * CSV per RFC 4180: CRLF line ends, a header row, and a field quoted (quotes doubled) when it holds a comma,
 * a quote, CR or LF. Lists are joined by " | ". One row per node or relationship, so row counts are graph counts.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function table(header: string[], rows: Array<Record<string, Value | undefined>>): string {
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

/**
 * Reads CSV as written above (RFC 4180: quoted fields may hold commas, quotes and line breaks) into records keyed
 * by the header. The release reads a previous release's nodes.csv and edges.csv with it.
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows;
  if (!header) return [];
  return records.map((r, n) => {
    if (r.length !== header.length) throw new Error(`CSV record ${n + 1} has ${r.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}
