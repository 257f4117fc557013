import { describe, expect, it } from 'vitest';
import { baseUrl, data, gql, trips } from './client.js';

describe('health', () => {
  it('GET /health answers while the process is up', async () => {
    const res = await fetch(`${baseUrl()}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready says Neo4j is reachable and the schema applied', async () => {
    const res = await fetch(`${baseUrl()}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true });
  });
});

describe('model and technique lookups', () => {
  it('model(id) returns the model with its techniques, and each technique its models', async () => {
    const d = await data(`{
      model(id: "cognitive-behavioral-therapy") {
        id name kind description sources { id citation }
        techniques { id name models { id } }
      }
    }`);
    expect(d.model.id).toBe('cognitive-behavioral-therapy');
    expect(d.model.sources.length).toBeGreaterThan(0);
    expect(d.model.techniques.length).toBeGreaterThan(0);
    for (const t of d.model.techniques) expect(t.models.map((m: { id: string }) => m.id)).toContain('cognitive-behavioral-therapy');
  });

  it('technique(id) returns the technique with its source models', async () => {
    const d = await data(`{ technique(id: "thought-record") { id name originModels { id } models { id } modalities { id } mechanisms { id } } }`);
    expect(d.technique.id).toBe('thought-record');
    expect(d.technique.originModels.length).toBeGreaterThan(0);
    // Every origin model also counts among the models that use it.
    const users = d.technique.models.map((m: { id: string }) => m.id);
    for (const m of d.technique.originModels) expect(users).toContain(m.id);
  });

  it('an unknown id gives null, not an error', async () => {
    const r = await gql(`{ model(id: "no-such-model") { id } technique(id: "no-such-technique") { id } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ model: null, technique: null });
  });

  it('an id of another kind gives null for a typed lookup, and the entity through node(id)', async () => {
    const d = await data(`{ model(id: "thought-record") { id } node(id: "thought-record") { __typename id } }`);
    expect(d.model).toBeNull();
    expect(d.node).toEqual({ __typename: 'Technique', id: 'thought-record' });
  });
});

describe('cursor paging', () => {
  const PAGE = `query($first: Int, $after: String) { models(first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

  it('walks every model exactly once, in id order, and totalCount agrees', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 50; i++) {
      const d: any = await data(PAGE, { first: 7, after });
      total = d.models.totalCount;
      ids.push(...d.models.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!d.models.pageInfo.hasNextPage) break;
      after = d.models.pageInfo.endCursor;
    }
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('caps first at 100', async () => {
    const d = await data(`{ techniques(first: 1000) { edges { node { id } } totalCount } }`);
    expect(d.techniques.edges.length).toBe(Math.min(100, d.techniques.totalCount));
  });

  it('filters techniques by model and by modality', async () => {
    const d = await data(
      `{ techniques(first: 100, filter: { model: "dialectical-behavior-therapy", modality: "affect" }) { edges { node { id models { id } modalities { id } } } } }`,
    );
    expect(d.techniques.edges.length).toBeGreaterThan(0);
    for (const { node } of d.techniques.edges) {
      expect(node.models.map((m: { id: string }) => m.id)).toContain('dialectical-behavior-therapy');
      expect(node.modalities.map((m: { id: string }) => m.id)).toContain('affect');
    }
  });

  it('rejects a forged cursor with BAD_USER_INPUT', async () => {
    const r = await gql(PAGE, { first: 5, after: 'not a cursor!' });
    expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0].extensions?.field).toBe('after');
  });
});

describe('malformed requests get stable error codes', () => {
  it('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const r = await gql(`{ model(id: "x" { id }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('an unknown field is GRAPHQL_VALIDATION_FAILED', async () => {
    const r = await gql(`{ model(id: "x") { nope } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a wrong variable type is BAD_USER_INPUT', async () => {
    const r = await gql(`query($f: Int) { models(first: $f) { totalCount } }`, { f: 'ten' });
    expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a body that is not JSON is BAD_REQUEST', async () => {
    const res = await fetch(`${baseUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('batching: at most one query per nesting level, not per node', () => {
  it('a three-level browse over 50 models costs a bounded number of round trips', async () => {
    const q = `{ models(first: 50) { edges { node { id techniques { id mechanisms { id } modalities { id } } } } } }`;
    // page query, then techniques with their mechanisms and modalities in one links-tree (a plain selection)
    expect(await trips(q)).toBe(2);
  });

  it('the count does not grow with the number of parents', async () => {
    const q = (n: number) => `{ models(first: ${n}) { edges { node { techniques { models { id } sources { id } } } } } }`;
    const small = await trips(q(2));
    const large = await trips(q(50));
    expect(large).toBe(small);
  });
});

describe('every relationship is reachable with its citation', () => {
  it('links() on a technique lists its relationships with sources and evidence', async () => {
    const d = await data(`{ technique(id: "thought-record") { links { type direction evidence sources { id } node { __typename id } } } }`);
    expect(d.technique.links.length).toBeGreaterThan(3);
    for (const l of d.technique.links) {
      expect(l.sources.length).toBeGreaterThan(0);
      expect(l.evidence).toMatch(/^[A-Z_]+$/);
    }
  });

  it('links() rejects an unknown relationship type', async () => {
    const r = await gql(`{ technique(id: "thought-record") { links(types: [NOPE]) { type } } }`);
    expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
