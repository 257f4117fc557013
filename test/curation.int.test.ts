import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { compileSeed } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { startService, type Service } from '../src/server.js';
import { freePort } from './global-setup.js';

/**
 * Curation against its OWN embedded Neo4j and service: these tests write, and the shared service's readers
 * (paging totals, fuzz before/after counts) must never see their writes.
 */

const CURATOR = 'curator-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
let service: Service;
let dataDir: string;

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
async function call(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: Body }> {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}
const asCurator = (query: string, variables: Record<string, unknown> = {}) => call(query, variables, CURATOR);
async function ok(query: string, variables: Record<string, unknown> = {}) {
  const r = await asCurator(query, variables);
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data;
}
const errorOf = (r: { body: Body }) => r.body.errors?.[0]?.extensions ?? {};

const CREATE = `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { __typename id name version } audit { seq actor action target kind sourceKeys changes { field before after } } } }`;
const UPDATE = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id name version ... on Model { year founders } } audit { seq action changes { field before after } } } }`;
const DELETE = `mutation($input: DeleteEntityInput!) { deleteEntity(input: $input) { entity { id } audit { seq action target changes { field } } } }`;
const CREATE_REL = `mutation($input: RelationshipInput!) { createRelationship(input: $input) { relationship { type version node { id } reason role } audit { action target } } }`;
const UPDATE_REL = `mutation($input: UpdateRelationshipInput!) { updateRelationship(input: $input) { relationship { version role evidence } } }`;
const DELETE_REL = `mutation($input: DeleteRelationshipInput!) { deleteRelationship(input: $input) { audit { action target } } }`;
const LAST_AUDIT = `{ auditLog(first: 1) { edges { node { seq action target } } } }`;

const model = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: 'MODEL',
  id,
  fields: {
    name: `Test model ${id}`,
    description: 'A model made by the curation tests.',
    sources: ['beck-1979'],
    evidence: 'EXPERT_OPINION',
    model: { kind: 'SCHOOL', orientation: 'COGNITIVE' },
    ...extra,
  },
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipkg-curation-neo4j-'));
  const env = { ...process.env, IPKG_TOKENS: `alice:curator:${CURATOR},rob:reader:${READER}` };
  const config = { ...loadConfig(env), port: 0, localPort: await freePort(), localDataDir: dataDir, localHeapMb: 384, production: false };
  service = await startService(config, { log: () => {} });
});

afterAll(async () => {
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('authorisation', () => {
  const input = model('auth-probe-model');
  it('no token: UNAUTHENTICATED with 401, and nothing written', async () => {
    const before = (await ok(LAST_AUDIT)).auditLog.edges[0]?.node.seq ?? 0;
    const r = await call(CREATE, { input });
    expect(r.status).toBe(401);
    expect(errorOf(r).code).toBe('UNAUTHENTICATED');
    expect((await ok(LAST_AUDIT)).auditLog.edges[0]?.node.seq ?? 0).toBe(before);
    expect((await call(`{ model(id: "auth-probe-model") { id } }`)).body.data.model).toBeNull();
  });
  it('an unknown token: UNAUTHENTICATED, and the message does not echo it', async () => {
    const r = await call(CREATE, { input }, 'not-a-real-token-at-all-xyz');
    expect(errorOf(r).code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(r.body)).not.toContain('not-a-real-token');
  });
  it('a reader token: FORBIDDEN with 403', async () => {
    const r = await call(CREATE, { input }, READER);
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe('FORBIDDEN');
  });
  it('reads stay public, with or without a token', async () => {
    expect((await call(`{ model(id: "cognitive-behavioral-therapy") { id } }`)).body.data.model.id).toBe('cognitive-behavioral-therapy');
    expect((await call(`{ model(id: "cognitive-behavioral-therapy") { id } }`, {}, READER)).body.data.model.id).toBe('cognitive-behavioral-therapy');
  });
});

describe('entities', () => {
  it('seeded entities and relationships carry a version', async () => {
    const d = await ok(`{ model(id: "cognitive-behavioral-therapy") { version links(direction: OUT) { version } } }`);
    expect(d.model.version).toBe(1);
    expect(d.model.links.length).toBeGreaterThan(0);
    for (const l of d.model.links) expect(l.version).toBe(1);
  });

  it('creates a model, audited with who, what and the sources', async () => {
    const d = await ok(CREATE, { input: model('curation-test-model', { aliases: ['CTM'] }) });
    expect(d.createEntity.entity).toEqual({ __typename: 'Model', id: 'curation-test-model', name: 'Test model curation-test-model', version: 1 });
    const a = d.createEntity.audit;
    expect(a).toMatchObject({ actor: 'alice', action: 'CREATE_ENTITY', target: 'curation-test-model', kind: 'Model', sourceKeys: ['beck-1979'] });
    expect(a.changes).toContainEqual({ field: 'kind', before: null, after: '"SCHOOL"' });
    const log = await ok(`{ auditLog(first: 1) { edges { node { seq actor target } } } }`);
    expect(log.auditLog.edges[0].node).toEqual({ seq: a.seq, actor: 'alice', target: 'curation-test-model' });
    // The log is public, the curators' names are not.
    for (const token of [undefined, READER]) {
      const anon = await call(`{ auditLog(first: 1) { edges { node { seq actor target } } } }`, {}, token);
      expect(anon.body.data.auditLog.edges[0].node).toEqual({ seq: a.seq, actor: null, target: 'curation-test-model' });
    }
    const read = await ok(`{ model(id: "curation-test-model") { id kind orientation aliases sources { id } version } }`);
    expect(read.model).toEqual({
      id: 'curation-test-model',
      kind: 'SCHOOL',
      orientation: 'COGNITIVE',
      aliases: ['CTM'],
      sources: [{ id: 'beck-1979' }],
      version: 1,
    });
  });

  it('a duplicate id is CONFLICT', async () => {
    const r = await asCurator(CREATE, { input: model('cognitive-behavioral-therapy') });
    expect(errorOf(r)).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
  });

  it.each([
    ['a non-kebab id', model('Not_A_Slug'), 'input.id'],
    ['an unknown source', model('x-model', { sources: ['no-such-source'] }), 'input.fields.sources'],
    ['a citation that is not a source', model('x-model', { sources: ['cognitive-behavioral-therapy'] }), 'input.fields.sources'],
    ['no sources', model('x-model', { sources: [] }), 'input.fields.sources'],
    ['a missing required field', model('x-model', { description: null }), 'input.fields.description'],
    ['a name over 200 characters', model('x-model', { name: 'n'.repeat(201) }), 'input.fields.name'],
    ['a year out of range', model('x-model', { model: { kind: 'SCHOOL', orientation: 'COGNITIVE', year: 1500 } }), 'input.fields.model.year'],
    ['another kind’s fields', model('x-model', { technique: { focus: 'SKILL' } }), 'input.fields.technique'],
    ['a missing kind-specific field', model('x-model', { model: { kind: 'SCHOOL' } }), 'input.fields.model.orientation'],
    ['an invalid enum value', model('x-model', { model: { kind: 'NOPE', orientation: 'COGNITIVE' } }), 'input.fields.model.kind'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const r = await asCurator(CREATE, { input });
    expect(errorOf(r).code).toBe('BAD_USER_INPUT');
    expect(String(errorOf(r).field)).toContain(field);
    expect((await call(`{ node(id: "x-model") { id } }`)).body.data.node).toBeNull();
  });

  it('creates a source that cites itself, and every other kind from the table', async () => {
    const src = await ok(CREATE, {
      input: {
        kind: 'SOURCE',
        id: 'curation-test-2024',
        fields: { source: { type: 'BOOK', authors: ['Tester, T.'], year: 2024, title: 'A test book', venue: 'Test Press' } },
      },
    });
    expect(src.createEntity.entity).toMatchObject({ __typename: 'Source', name: 'A test book', version: 1 });
    expect(src.createEntity.audit.sourceKeys).toEqual(['curation-test-2024']);
    const common = { name: 'Test', description: 'Made by the curation tests.', sources: ['curation-test-2024'], evidence: 'EXPERT_OPINION' };
    const kinds: Array<[string, Record<string, unknown>]> = [
      ['DOMAIN', {}],
      ['MECHANISM', {}],
      ['INTEGRATION_STRATEGY', {}],
      ['THERAPEUTIC_FACTOR', {}],
      ['PHASE', { phase: { order: 9 } }],
      ['MODALITY', { modality: { order: 7, letter: 'X' } }],
      ['COMMON_FACTOR', { commonFactor: { effectSizes: [{ metric: 'r', value: 0.2, outcome: 'outcome', source: 'curation-test-2024' }] } }],
      ['CLIENT_FACTOR', { clientFactor: { factor: 'reactance' } }],
      ['STAGE_OF_CHANGE', { stageOfChange: { order: 6, stage: 'ACTION' } }],
      ['PROCESS_OF_CHANGE', { processOfChange: { kind: 'BEHAVIORAL' } }],
      ['CONTRAINDICATION', { contraindication: { risk: 'PREGNANCY' } }],
      ['TENET', { tenet: { kind: 'CHANGE' } }],
      ['TECHNIQUE', { technique: { directiveness: 'LOW', structure: 'LOW', intensity: 'LOW', focus: 'BOTH', formats: ['GROUP'] } }],
    ];
    for (const [kind, extra] of kinds) {
      const id = `curation-test-${kind.toLowerCase().replace(/_/g, '-')}`;
      const d = await ok(CREATE, { input: { kind, id, fields: { ...common, ...extra } } });
      expect(d.createEntity.entity.id).toBe(id);
      expect(d.createEntity.entity.version).toBe(1);
    }
    const cf = await ok(`{ node(id: "curation-test-common-factor") { ... on CommonFactor { effectSizes { metric value source { id } } } } }`);
    expect(cf.node.effectSizes).toEqual([{ metric: 'r', value: 0.2, source: { id: 'curation-test-2024' } }]);
  });

  it('updates with the version read; a stale version is CONFLICT, not an overwrite', async () => {
    await ok(CREATE, { input: model('curation-update-model') });
    const d = await ok(UPDATE, {
      input: { id: 'curation-update-model', version: 1, sources: ['beck-1979'], fields: { name: 'Renamed', model: { year: 1999, founders: ['A. B.'] } } },
    });
    expect(d.updateEntity.entity).toMatchObject({ name: 'Renamed', version: 2, year: 1999, founders: ['A. B.'] });
    expect(d.updateEntity.audit.changes).toContainEqual({ field: 'name', before: '"Test model curation-update-model"', after: '"Renamed"' });
    const stale = await asCurator(UPDATE, { input: { id: 'curation-update-model', version: 1, sources: ['beck-1979'], fields: { name: 'Lost update' } } });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'input.version', currentVersion: 2 });
    expect((await ok(`{ model(id: "curation-update-model") { name } }`)).model.name).toBe('Renamed');
    // null clears an optional field, and cannot clear a required one
    const cleared = await ok(UPDATE, { input: { id: 'curation-update-model', version: 2, sources: ['beck-1979'], fields: { model: { year: null } } } });
    expect(cleared.updateEntity.entity).toMatchObject({ year: null, version: 3 });
    const required = await asCurator(UPDATE, { input: { id: 'curation-update-model', version: 3, sources: ['beck-1979'], fields: { description: null } } });
    expect(errorOf(required)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fields.description' });
  });

  it('of two concurrent updates from the same version, exactly one wins', async () => {
    await ok(CREATE, { input: model('curation-race-model') });
    const results = await Promise.all(
      ['one', 'two', 'three'].map((n) => asCurator(UPDATE, { input: { id: 'curation-race-model', version: 1, sources: ['beck-1979'], fields: { name: n } } })),
    );
    expect(results.filter((r) => !r.body.errors).length).toBe(1);
    expect(results.filter((r) => errorOf(r).code === 'CONFLICT').length).toBe(2);
    expect((await ok(`{ model(id: "curation-race-model") { version } }`)).model.version).toBe(2);
  });

  it('an unknown id is NOT_FOUND; a failed write changes nothing, not even the data version', async () => {
    const before = (await ok(LAST_AUDIT)).auditLog.edges[0].node.seq;
    const r = await asCurator(UPDATE, { input: { id: 'no-such-entity', version: 1, sources: ['beck-1979'], fields: { name: 'x' } } });
    expect(errorOf(r).code).toBe('NOT_FOUND');
    // The data version moved first inside the transaction; the rollback undid it.
    const dv = await service.database.db.dataVersion();
    const again = await asCurator(UPDATE, { input: { id: 'curation-update-model', version: 1, sources: ['beck-1979'], fields: { name: 'x' } } });
    expect(errorOf(again).code).toBe('CONFLICT');
    expect(await service.database.db.dataVersion()).toBe(dv);
    expect((await ok(LAST_AUDIT)).auditLog.edges[0].node.seq).toBe(before);
  });

  it('deletes with the version read; a source still cited cannot go', async () => {
    await ok(CREATE, { input: model('curation-delete-model') });
    const stale = await asCurator(DELETE, { input: { id: 'curation-delete-model', version: 7, sources: ['beck-1979'] } });
    expect(errorOf(stale).code).toBe('CONFLICT');
    const d = await ok(DELETE, { input: { id: 'curation-delete-model', version: 1, sources: ['beck-1979'] } });
    expect(d.deleteEntity).toMatchObject({ entity: null, audit: { action: 'DELETE_ENTITY', target: 'curation-delete-model' } });
    expect((await ok(`{ model(id: "curation-delete-model") { id } }`)).model).toBeNull();
    const cited = await asCurator(DELETE, { input: { id: 'beck-1979', version: 1, sources: ['beck-1979'] } });
    expect(errorOf(cited)).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    await ok(CREATE, {
      input: { kind: 'SOURCE', id: 'uncited-2020', fields: { source: { type: 'REPORT', authors: ['X'], year: 2020, title: 'T', venue: 'V' } } },
    });
    await ok(DELETE, { input: { id: 'uncited-2020', version: 1, sources: ['beck-1979'] } });
  });
});

describe('relationships', () => {
  const rel = (extra: Record<string, unknown> = {}) => ({
    from: 'curation-rel-technique',
    type: 'ORIGINATES_IN',
    to: 'curation-rel-model',
    sources: ['beck-1979'],
    evidence: 'THEORETICAL',
    ...extra,
  });

  beforeAll(async () => {
    await ok(CREATE, { input: model('curation-rel-model') });
    await ok(CREATE, {
      input: {
        kind: 'TECHNIQUE',
        id: 'curation-rel-technique',
        fields: {
          name: 'Rel technique',
          description: 'd',
          sources: ['beck-1979'],
          evidence: 'RCT',
          technique: { directiveness: 'LOW', structure: 'LOW', intensity: 'LOW', focus: 'SKILL', formats: ['INDIVIDUAL'] },
        },
      },
    });
  });

  it('creates a relationship with its citation, and the USES an ORIGINATES_IN implies', async () => {
    const d = await ok(CREATE_REL, { input: rel() });
    expect(d.createRelationship.relationship).toMatchObject({ type: 'ORIGINATES_IN', version: 1, node: { id: 'curation-rel-model' } });
    expect(d.createRelationship.audit).toEqual({ action: 'CREATE_RELATIONSHIP', target: 'curation-rel-technique|ORIGINATES_IN|curation-rel-model' });
    const t = await ok(`{ technique(id: "curation-rel-technique") { originModels { id } models { id } } }`);
    expect(t.technique).toEqual({ originModels: [{ id: 'curation-rel-model' }], models: [{ id: 'curation-rel-model' }] });
    expect(errorOf(await asCurator(CREATE_REL, { input: rel() }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('accepts the same input written inline in the document, not only as variables', async () => {
    // graphql-js builds inline input objects without a prototype; they must reach Neo4j like any other map.
    const d = await ok(
      `mutation { createRelationship(input: { from: "curation-rel-technique", type: "TARGETS", to: "cognition", sources: ["beck-1979"], evidence: THEORETICAL }) { relationship { type node { id } } } }`,
    );
    expect(d.createRelationship.relationship).toEqual({ type: 'TARGETS', node: { id: 'cognition' } });
  });

  it.each([
    ['an unknown type', rel({ type: 'LIKES' }), 'input.type'],
    ['a type the two kinds cannot have', rel({ type: 'ACTS_THROUGH' }), 'input.type'],
    ['an unknown end', rel({ to: 'no-such-model' }), 'input.to'],
    ['an unknown source', rel({ sources: ['nope-2000'] }), 'input.sources'],
    ['no sources', rel({ sources: [] }), 'input.sources'],
    ['a property the type does not have', rel({ type: 'USES', from: 'curation-rel-model', to: 'curation-rel-technique', role: 'x' }), 'input.role'],
    ['a missing required property', rel({ type: 'INTEGRATES', from: 'curation-rel-model', to: 'cognitive-behavioral-therapy' }), 'input.role'],
    ['an over-long reason', rel({ type: 'REQUIRES', to: 'thought-record', reason: 'r'.repeat(1001) }), 'input.reason'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const r = await asCurator(CREATE_REL, { input });
    expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('updates with the version read, then deletes (taking the implied USES along)', async () => {
    const INTEG = { from: 'curation-rel-model', type: 'INTEGRATES', to: 'cognitive-behavioral-therapy', sources: ['beck-1979'], evidence: 'THEORETICAL' };
    await ok(CREATE_REL, { input: { ...INTEG, role: 'first role' } });
    const u = await ok(UPDATE_REL, { input: { ...INTEG, version: 1, role: 'second role', evidence: 'CONSENSUS' } });
    expect(u.updateRelationship.relationship).toEqual({ version: 2, role: 'second role', evidence: 'CONSENSUS' });
    const stale = await asCurator(UPDATE_REL, { input: { ...INTEG, version: 1, role: 'lost' } });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    await ok(DELETE_REL, { input: { from: INTEG.from, type: INTEG.type, to: INTEG.to, version: 2, sources: ['beck-1979'] } });
    await ok(DELETE_REL, { input: { ...rel(), evidence: undefined, version: 1 } });
    const t = await ok(`{ technique(id: "curation-rel-technique") { originModels { id } models { id } } }`);
    expect(t.technique).toEqual({ originModels: [], models: [] });
  });
});

describe('audit log and seeding', () => {
  it('pages newest first with cursors', async () => {
    const page1 = await ok(`{ auditLog(first: 3) { edges { cursor node { seq } } pageInfo { hasNextPage endCursor } } }`);
    const seqs = page1.auditLog.edges.map((e: any) => e.node.seq);
    expect([...seqs].sort((a: number, b: number) => b - a)).toEqual(seqs);
    const page2 = await ok(`query($a: String) { auditLog(first: 3, after: $a) { edges { node { seq } } } }`, { a: page1.auditLog.pageInfo.endCursor });
    expect(page2.auditLog.edges[0].node.seq).toBeLessThan(seqs[2]);
    expect(errorOf(await call(`{ auditLog(after: "bogus") { edges { cursor } } }`))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('a second seed run changes nothing: no node, relationship, version or data version moves; curated edits stay', async () => {
    await ok(UPDATE, { input: { id: 'behavior-therapy', version: 1, sources: ['beck-1979'], fields: { aliases: ['BT', 'curated alias'] } } });
    const dv = await service.database.db.dataVersion();
    const { graph } = compileSeed();
    const r = await loadSeed(service.database.db, graph);
    expect({ nodes: r.nodesChanged, edges: r.edgesChanged, dataVersion: r.dataVersion }).toEqual({ nodes: 0, edges: 0, dataVersion: dv });
    const m = await ok(`{ model(id: "behavior-therapy") { version aliases } }`);
    expect(m.model).toEqual({ version: 2, aliases: ['BT', 'curated alias'] });
  });
});
