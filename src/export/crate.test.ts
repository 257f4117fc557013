import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { citationCff, roCrate, RO_CRATE_CONTEXT } from './crate.js';
import { jsonLdContext, toJsonLd } from './jsonld.js';

const meta = { version: '42', datePublished: '2026-12-01T10:20:30.000Z' };

describe('RO-Crate metadata', () => {
  const files = [
    { name: 'nodes.csv', contentType: 'text/csv; charset=utf-8; header=present', description: 'Entities.', content: 'id\r\nä\r\n' },
    { name: 'graph.jsonld', contentType: 'application/ld+json; charset=utf-8', description: 'Graph.', content: '{}' },
  ];
  const crate = roCrate(files, meta);
  const graph = crate['@graph'] as Array<Record<string, any>>;
  const byId = new Map(graph.map((e) => [e['@id'], e]));

  it('has the 1.1 context, the metadata descriptor and the root dataset', () => {
    expect((crate['@context'] as unknown[])[0]).toBe(RO_CRATE_CONTEXT);
    expect(byId.get('ro-crate-metadata.json')).toMatchObject({
      '@type': 'CreativeWork',
      about: { '@id': './' },
      conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' },
    });
    const root = byId.get('./')!;
    expect(root).toMatchObject({
      '@type': 'Dataset',
      version: '42',
      datePublished: meta.datePublished,
      license: { '@id': 'https://creativecommons.org/licenses/by/4.0/' },
    });
    expect(root.hasPart).toEqual([{ '@id': 'nodes.csv' }, { '@id': 'graph.jsonld' }]);
    expect(byId.get(root.license['@id'])).toMatchObject({ '@type': 'CreativeWork', identifier: 'CC-BY-4.0' });
    expect(byId.get(root.author['@id'])).toMatchObject({ '@type': 'Organization', name: 'ipkg contributors' });
  });

  it('gives each file its format, byte size and sha256', () => {
    const f = byId.get('nodes.csv')!;
    expect(f).toMatchObject({ '@type': 'File', encodingFormat: 'text/csv', contentSize: String(Buffer.byteLength('id\r\nä\r\n')) });
    expect(f.sha256).toBe(createHash('sha256').update('id\r\nä\r\n').digest('hex'));
    expect(byId.get('graph.jsonld')!.encodingFormat).toBe('application/ld+json');
  });
});

describe('CITATION.cff', () => {
  it('is CFF 1.2.0 with the version, date, licence and an entity author, no invented people', () => {
    const cff = parse(citationCff(meta)) as Record<string, any>;
    expect(cff).toMatchObject({ 'cff-version': '1.2.0', version: '42', 'date-released': '2026-12-01', license: 'CC-BY-4.0', type: 'dataset' });
    expect(cff.authors).toEqual([{ name: 'ipkg contributors' }]);
    expect(typeof cff.title).toBe('string');
    expect(cff.message).toBeTruthy();
    expect(cff['repository-code']).toBeUndefined();
    expect(parse(citationCff({ ...meta, repository: 'https://example.test/ipkg' }))['repository-code']).toBe('https://example.test/ipkg');
  });
});

describe('JSON-LD carries the technique matrices', () => {
  it('emits ACTS_THROUGH and ADDRESSES as IRI-valued links defined in the context, with cited Relationship nodes', () => {
    const ctx = jsonLdContext('https://example.test/ipkg/');
    expect(ctx.ADDRESSES).toMatchObject({ '@type': '@id' });
    expect(ctx.ACTS_THROUGH).toMatchObject({ '@type': '@id' });
    const doc = toJsonLd(
      {
        nodes: [
          { id: 'exposure', label: 'Technique', props: { name: 'Exposure' } },
          { id: 'avoidance', label: 'Target', props: { name: 'Avoidance' } },
        ],
        edges: [{ fromId: 'exposure', type: 'ADDRESSES', toId: 'avoidance', props: { sources: ['foa-1986'], evidence: 'RCT' } }],
      },
      'https://example.test/ipkg/',
    );
    const nodes = doc['@graph'] as Array<Record<string, unknown>>;
    expect(nodes.find((n) => n.identifier === 'exposure')?.ADDRESSES).toEqual(['https://example.test/ipkg/id/avoidance']);
    expect(nodes.find((n) => n.relation === 'ADDRESSES')).toMatchObject({ evidence: 'RCT', sources: ['https://example.test/ipkg/id/foa-1986'] });
  });
});
