import { describe, expect, it } from 'vitest';
import { csvField, edgesCsv, nodesCsv } from './csv.js';
import { exportFiles } from './files.js';
import type { ExportGraph } from './graph.js';
import { toGraphml } from './graphml.js';
import { jsonLdContext, toJsonLd } from './jsonld.js';
import { childrenNamed, parseXml } from './xml-tree.js';

const BASE = 'https://example.test/ipkg/';

const graph: ExportGraph = {
  nodes: [
    {
      id: 'cbt',
      label: 'Model',
      props: {
        name: 'CBT, "classic"',
        description: 'Line one\nline two & <more>',
        aliases: ['CBT', 'cognitive therapy'],
        sources: ['beck-1979'],
        evidence: 'RCT',
        year: 1979,
        wikidata: 'Q1147152',
      },
    },
    {
      id: 'thought-record',
      label: 'Technique',
      props: { name: 'Thought record', description: 'Writes thoughts down.', sources: ['beck-1979'], evidence: 'RCT', formats: ['INDIVIDUAL', 'GROUP'] },
    },
    {
      id: 'beck-1979',
      label: 'Source',
      props: {
        name: 'Cognitive therapy of depression',
        type: 'BOOK',
        authors: ['Beck, A. T.', 'Rush, A. J.'],
        year: 1979,
        title: 'Cognitive therapy of depression',
        venue: 'Guilford',
      },
    },
  ],
  edges: [{ fromId: 'cbt', type: 'USES', toId: 'thought-record', props: { sources: ['beck-1979'], evidence: 'THEORETICAL', reason: 'core, "central"' } }],
};

/** A minimal RFC 4180 reader, written independently of the writer. */
function parseCsv(text: string): string[][] {
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
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) throw new Error('last record is not terminated by CRLF');
  return rows;
}

describe('CSV', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('round-trips nodes and edges: one row each, every column the same width', () => {
    const nodes = parseCsv(nodesCsv(graph, BASE));
    expect(nodes[0].slice(0, 8)).toEqual(['id', 'label', 'name', 'description', 'aliases', 'evidence', 'sources', 'iri']);
    expect(nodes.length).toBe(1 + graph.nodes.length);
    for (const r of nodes) expect(r.length).toBe(nodes[0].length);
    const cbt = Object.fromEntries(nodes[0].map((h, i) => [h, nodes[1][i]]));
    expect(cbt).toMatchObject({ name: 'CBT, "classic"', description: 'Line one\nline two & <more>', aliases: 'CBT | cognitive therapy', iri: `${BASE}id/cbt` });
    const edges = parseCsv(edgesCsv(graph));
    expect(edges).toEqual([
      ['from', 'type', 'to', 'evidence', 'sources', 'reason'],
      ['cbt', 'USES', 'thought-record', 'THEORETICAL', 'beck-1979', 'core, "central"'],
    ]);
  });
});

describe('GraphML', () => {
  it('is well-formed, declares a key for every attribute it uses, and holds every node and edge', () => {
    const root = parseXml(toGraphml(graph, BASE));
    expect(root.name).toBe('graphml');
    const keys = new Map(childrenNamed(root, 'key').map((k) => [k.attrs.id, k.attrs]));
    const [g] = childrenNamed(root, 'graph');
    const nodes = childrenNamed(g, 'node');
    const edges = childrenNamed(g, 'edge');
    expect(nodes.map((n) => n.attrs.id)).toEqual(['cbt', 'thought-record', 'beck-1979']);
    expect(edges.map((e) => [e.attrs.source, e.attrs.target])).toEqual([['cbt', 'thought-record']]);
    for (const el of [...nodes, ...edges]) {
      for (const d of childrenNamed(el, 'data')) expect(keys.get(d.attrs.key)?.for).toBe(el.name);
    }
    const attr = (el: (typeof nodes)[number], name: string) => childrenNamed(el, 'data').find((d) => keys.get(d.attrs.key)?.['attr.name'] === name)?.text;
    expect(attr(nodes[0], 'label')).toBe('CBT, "classic"');
    expect(attr(nodes[0], 'description')).toBe('Line one\nline two & <more>');
    expect(attr(nodes[0], 'kind')).toBe('Model');
    expect(attr(edges[0], 'label')).toBe('USES');
    expect(attr(edges[0], 'sources')).toBe('beck-1979');
    expect([...keys.values()].find((k) => k['attr.name'] === 'year')?.['attr.type']).toBe('int');
  });

  it('rejects what is not well-formed (the checker itself can fail)', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>&nope;</a>')).toThrow();
  });
});

describe('JSON-LD', () => {
  const doc = toJsonLd(graph, BASE);
  const nodes = doc['@graph'] as Array<Record<string, unknown>>;

  it('gives every entity and relationship a stable IRI and types it', () => {
    const cbt = nodes.find((n) => n.id === `${BASE}id/cbt`)!;
    expect(cbt.type).toEqual(['ipkg:Model', 'skos:Concept']);
    expect(cbt.USES).toEqual([`${BASE}id/thought-record`]);
    expect(cbt.sources).toEqual([`${BASE}id/beck-1979`]);
    expect(cbt.sameAs).toEqual(['http://www.wikidata.org/entity/Q1147152']);
    const book = nodes.find((n) => n.id === `${BASE}id/beck-1979`)!;
    expect(book.type).toEqual(['ipkg:Source', 'schema:Book']);
    const rel = nodes.find((n) => n.type === 'ipkg:Relationship')!;
    expect(rel).toMatchObject({ id: `${BASE}rel/cbt/USES/thought-record`, subject: `${BASE}id/cbt`, relation: 'USES', evidence: 'THEORETICAL' });
    expect(nodes.find((n) => n.type && (n.type as string[]).includes('schema:Dataset'))?.license).toBe('https://creativecommons.org/licenses/by/4.0/');
  });

  it('defines every term it uses in the context (SKOS and schema.org where they fit)', () => {
    const ctx = doc['@context'] as Record<string, unknown>;
    expect(ctx).toEqual(jsonLdContext(BASE));
    expect(ctx.name).toBe('skos:prefLabel');
    expect(ctx['@vocab']).toBe(`${BASE}vocab#`);
    expect(ctx.USES).toEqual({ '@type': '@id' });
  });

  it('names the export files as the routes do', () => {
    expect(exportFiles(graph, 'jsonld', BASE).map((f) => f.name)).toEqual(['graph.jsonld', 'context.jsonld']);
    expect(exportFiles(graph, 'csv', BASE).map((f) => f.name)).toEqual(['nodes.csv', 'edges.csv']);
    expect(JSON.parse(exportFiles(graph, 'jsonld', BASE)[1].content)).toEqual({ '@context': jsonLdContext(BASE) });
  });
});
