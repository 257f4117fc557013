import { columns, DATA_LICENSE, flat, nodeIri, type ExportGraph, type Value } from './graph.js';
import { xmlEscape } from './xml.js';

/**
 * GraphML (http://graphml.graphdrawing.org/) as Gephi and yEd read it: every attribute is declared as a <key>
 * before use, with a type; lists are flattened to " | "-joined strings. Gephi takes the `label` attribute as the
 * node's display label, so the entity's name goes there and its kind goes to `kind`.
 */

type AttrType = 'string' | 'int' | 'double' | 'boolean';

function attrType(rows: Array<{ props: Record<string, Value> }>, name: string): AttrType {
  const values = rows.map((r) => r.props[name]).filter((v) => v !== undefined && v !== null);
  if (values.length && values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.length && values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (values.length && values.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

interface Key {
  id: string;
  name: string;
  type: AttrType;
}

function keysFor(prefix: string, rows: Array<{ props: Record<string, Value> }>, names: string[]): Key[] {
  return names.map((name, i) => ({ id: `${prefix}${i}`, name, type: attrType(rows, name) }));
}

const data = (key: Key, value: Value | undefined) => (value === undefined || value === null ? '' : `<data key="${key.id}">${xmlEscape(flat(value))}</data>`);

export function toGraphml(graph: ExportGraph, base: string): string {
  // Synthetic attributes first (label, kind, iri), then every property the data holds.
  const nodeRows = graph.nodes.map((n) => ({
    id: n.id,
    props: { label: n.props.name ?? n.id, kind: n.label, iri: nodeIri(base, n.id), ...n.props } as Record<string, Value>,
  }));
  const edgeRows = graph.edges.map((e) => ({ e, props: { label: e.type, ...e.props } as Record<string, Value> }));
  const nodeKeys = keysFor('n', nodeRows, columns(nodeRows, ['label', 'kind', 'iri']));
  const edgeKeys = keysFor('e', edgeRows, columns(edgeRows, ['label']));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <!-- Integrative Psychotherapy Knowledge Graph. Data licence: ${DATA_LICENSE.name} (${DATA_LICENSE.url}). For education and research only. -->`,
    ...nodeKeys.map((k) => `  <key id="${k.id}" for="node" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>`),
    ...edgeKeys.map((k) => `  <key id="${k.id}" for="edge" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>`),
    '  <graph id="ipkg" edgedefault="directed">',
  ];
  for (const n of nodeRows) out.push(`    <node id="${xmlEscape(n.id)}">${nodeKeys.map((k) => data(k, n.props[k.name])).join('')}</node>`);
  for (const { e, props } of edgeRows) {
    out.push(
      `    <edge id="${xmlEscape(`${e.fromId}|${e.type}|${e.toId}`)}" source="${xmlEscape(e.fromId)}" target="${xmlEscape(e.toId)}">${edgeKeys.map((k) => data(k, props[k.name])).join('')}</edge>`,
    );
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
