import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/export/csv.js';
import { baseUrl } from './client.js';
import { testDb } from './db.js';

/** The technique × mechanism and technique × target CSV routes, against the shared (read-only) test service. */

const { db, close } = testDb();
afterAll(close);

async function counts(): Promise<{ nodes: Map<string, number>; edges: Map<string, number> }> {
  const rows = await db.read('graph-counts');
  const of = (kind: string) => new Map(rows.filter((r) => r.kind === kind).map((r) => [String(r.name), Number(r.count)]));
  return { nodes: of('node'), edges: of('edge') };
}

async function get(path: string) {
  const res = await fetch(`${baseUrl()}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', link: res.headers.get('link') ?? '', text: await res.text() };
}

describe('technique matrix exports', () => {
  const cases = [
    { path: '/export/technique-mechanism.csv', type: 'ACTS_THROUGH', label: 'Mechanism', col: 'mechanism' },
    { path: '/export/technique-target.csv', type: 'ADDRESSES', label: 'Target', col: 'target' },
  ];

  for (const c of cases) {
    it(`${c.path}: one row per ${c.type} relationship in the database, each sourced and graded`, async () => {
      const { edges } = await counts();
      const r = await get(c.path);
      expect(r.status).toBe(200);
      expect(r.type).toContain('text/csv');
      expect(r.link).toContain('creativecommons.org/licenses/by/4.0');
      expect(r.text.split('\r\n')[0]).toBe(`technique_id,technique_name,${c.col}_id,${c.col}_name,evidence,sources`);
      const rows = parseCsv(r.text);
      expect(rows.length).toBe(edges.get(c.type) ?? 0);
      const nodes = new Map(parseCsv((await get('/export/nodes.csv')).text).map((n) => [n.id, n]));
      for (const row of rows) {
        expect(nodes.get(row.technique_id)?.label, row.technique_id).toBe('Technique');
        expect(nodes.get(row[`${c.col}_id`])?.label).toBe(c.label);
        expect(row.technique_name).toBe(nodes.get(row.technique_id)?.name);
        expect(row.evidence).toMatch(/^[A-Z_]+$/);
        expect(row.sources.split(';').every((s) => nodes.get(s)?.label === 'Source')).toBe(true);
      }
    });

    it(`${c.path}: the wide grid has every technique as a row and every ${c.label} as a column`, async () => {
      const { nodes, edges } = await counts();
      const wide = await get(c.path.replace('.csv', '-wide.csv'));
      expect(wide.status).toBe(200);
      expect((await get(`${c.path}?format=wide`)).text).toBe(wide.text);
      const rows = parseCsv(wide.text);
      expect(rows.length).toBe(nodes.get('Technique'));
      const header = wide.text.split('\r\n')[0].split(',');
      expect(header.length).toBe(2 + (nodes.get(c.label) ?? 0));
      const ones = rows.reduce((n, r) => n + header.slice(2).filter((h) => r[h] === '1').length, 0);
      expect(ones).toBe(edges.get(c.type) ?? 0);
    });
  }

  it('?format=long is the default; anything else is a 400', async () => {
    expect((await get('/export/technique-mechanism.csv?format=long')).text).toBe((await get('/export/technique-mechanism.csv')).text);
    expect((await get('/export/technique-mechanism.csv?format=grid')).status).toBe(400);
  });

  it('the JSON-LD carries the same links, ADDRESSES and ACTS_THROUGH defined in its context', async () => {
    const { edges } = await counts();
    const doc = JSON.parse((await get('/export/graph.jsonld')).text);
    expect(doc['@context'].ADDRESSES).toMatchObject({ '@type': '@id' });
    expect(doc['@context'].ACTS_THROUGH).toMatchObject({ '@type': '@id' });
    const rels = (doc['@graph'] as Array<{ type: string; relation?: string }>).filter((n) => n.type === 'ipkg:Relationship');
    for (const type of ['ACTS_THROUGH', 'ADDRESSES']) expect(rels.filter((n) => n.relation === type).length).toBe(edges.get(type) ?? 0);
  });
});

describe('technique x base-model export', () => {
  it('/export/assimilation-matrix.csv: one row per model and technique, agreeing with assimilationMatrix', { timeout: 300_000 }, async () => {
    const { nodes } = await counts();
    const r = await get('/export/assimilation-matrix.csv');
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/csv');
    expect(r.text.split('\r\n')[0]).toBe('base_model_id,technique_id,compatible,native,reframed,conflict_kinds,resolved_kinds');
    const rows = parseCsv(r.text);
    expect(rows.length).toBe((nodes.get('Model') ?? 0) * (nodes.get('Technique') ?? 0));
    const base = 'person-centered-therapy';
    const res = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($b: [ID!]) { assimilationMatrix(baseModelIds: $b) { cells { techniqueId compatible native reframed conflictKinds resolvedKinds } } }`,
        variables: { b: [base] },
      }),
    });
    const cells: Array<Record<string, unknown>> = ((await res.json()) as { data: { assimilationMatrix: { cells: Array<Record<string, unknown>> } } }).data
      .assimilationMatrix.cells;
    const csv = new Map(rows.filter((x) => x.base_model_id === base).map((x) => [x.technique_id, x]));
    expect(csv.size).toBe(cells.length);
    for (const c of cells) {
      const row = csv.get(String(c.techniqueId))!;
      expect(row.compatible).toBe(String(c.compatible));
      expect(row.native).toBe(String(c.native));
      expect(row.reframed).toBe(String(c.reframed));
      expect(row.conflict_kinds).toBe((c.conflictKinds as string[]).join(';'));
      expect(row.resolved_kinds).toBe((c.resolvedKinds as string[]).join(';'));
    }
  });
});
