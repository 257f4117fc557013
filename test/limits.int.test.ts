import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { formatError, startService, type Service } from '../src/server.js';
import { baseUrl, gql } from './client.js';

/** Limits, CSRF, production error masking and the introspection switch, over HTTP. */

const traced = (query: string, variables?: Record<string, unknown>) => gql(query, variables, { 'ipkg-trace': '1' });
const codeOf = (r: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => r.body.errors?.[0]?.extensions?.code;

/** A service of our own on the shared Neo4j (read-only use), configured by environment variables as in production. */
async function ownService(env: Record<string, string>): Promise<Service> {
  const config = { ...loadConfig({ ...process.env, ...env }), port: 0, neo4jUri: inject('neo4jUri') };
  return startService(config, { log: () => {} });
}

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

const nest = (levels: number) => {
  let q = 'id';
  for (let i = 0; i < levels; i++) q = `${i % 2 ? 'models' : 'techniques'} { id ${q} }`;
  return `{ model(id: "cognitive-behavioral-therapy") { ${q} } }`;
};

describe('query limits (defaults) stop abusive queries before the database is touched', () => {
  it('too deep: QUERY_TOO_DEEP, 400, no database round trip', async () => {
    const r = await traced(nest(15));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 15 });
    expect(r.body.extensions?.roundTrips ?? 0).toBe(0);
    // one level less is fine
    expect(codeOf(await traced(nest(13)))).not.toBe('QUERY_TOO_DEEP');
  });

  it('too many aliases: TOO_MANY_ALIASES', async () => {
    const many = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: model(id: "m${i}") { id }`).join(' ')} }`;
    const r = await traced(many(31));
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('TOO_MANY_ALIASES');
    expect(r.body.extensions?.roundTrips ?? 0).toBe(0);
    expect(codeOf(await traced(many(30)))).toBeUndefined();
  });

  it('too costly: QUERY_TOO_COSTLY, with `first` read from variables too', async () => {
    const q = `query($n: Int) { techniques(first: $n) { edges { node { models { techniques { models { id } } } } } } }`;
    const r = await traced(q, { n: 100 });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 100_000 });
    expect(r.body.extensions?.roundTrips ?? 0).toBe(0);
    expect(codeOf(await traced(q, { n: 2 }))).toBeUndefined();
  });

  it('a fragment bomb is measured without expanding it, and refused', async () => {
    const frags = Array.from({ length: 25 }, (_, i) => `fragment F${i} on Technique { models { techniques { ...F${i + 1} } } id }`).join('\n');
    const q = `{ techniques(first: 5) { edges { node { ...F0 } } } }\n${frags}\nfragment F25 on Technique { id }`;
    const started = Date.now();
    const r = await traced(q);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe(400);
    expect(['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']).toContain(codeOf(r));
  });

  it('a document over the size limit: DOCUMENT_TOO_LARGE, before parsing', async () => {
    const r = await gql(`{ __typename }\n# ${'x'.repeat(33_000)}`);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('DOCUMENT_TOO_LARGE');
  });

  it('a document over the token limit is a parse failure', async () => {
    const r = await gql(`{ ${'a '.repeat(5_100)}}`); // 5,102 tokens in 10 kB
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.body.errors?.[0].message).toMatch(/tokens/);
  });

  it('deep bracket nesting is refused before the (recursive) parser sees it', async () => {
    const r = await gql(`{ ${'a { '.repeat(2_600)}`);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('QUERY_TOO_DEEP');
    // brackets inside strings and comments do not count
    expect(codeOf(await gql(`{ model(id: "${'{'.repeat(100)}") { id } } # ${'['.repeat(100)}`))).toBeUndefined();
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple (form-like) POST and a GET without a preflight header', async () => {
    const form = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/CSRF/);
    const get = await fetch(`${baseUrl()}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const preflighted = await fetch(`${baseUrl()}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(preflighted.status).toBe(200);
  });
});

describe('configured by the environment', () => {
  let strict: Service;
  let prod: Service;
  beforeAll(async () => {
    strict = await ownService({ IPKG_MAX_DEPTH: '3', IPKG_MAX_ALIASES: '1', IPKG_MAX_COST: '50', IPKG_INTROSPECTION: 'false' });
    prod = await ownService({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await strict?.close();
    await prod?.close();
  });

  it('IPKG_MAX_DEPTH, IPKG_MAX_ALIASES and IPKG_MAX_COST lower the limits', async () => {
    expect(codeOf(await post(strict.url, nest(3)))).toBe('QUERY_TOO_DEEP');
    expect(codeOf(await post(strict.url, '{ a: model(id: "x") { id } b: model(id: "y") { id } }'))).toBe('TOO_MANY_ALIASES');
    expect(codeOf(await post(strict.url, '{ models(first: 50) { totalCount } }'))).toBe('QUERY_TOO_COSTLY');
    expect((await post(strict.url, '{ model(id: "cognitive-behavioral-therapy") { id } }')).body.data.model.id).toBe('cognitive-behavioral-therapy');
  });

  it('introspection is on by default and IPKG_INTROSPECTION=false turns it off', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect((await gql(q)).body.data.__schema.queryType.name).toBe('Query');
    const off = await post(strict.url, q);
    expect(off.body.data).toBeUndefined();
    expect(codeOf(off)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(off.body.errors?.[0].message).toMatch(/introspection/i);
  });

  it('in production, no stack trace reaches the client (development shows it)', async () => {
    const bad = '{ model(id: "x") { nope } }';
    expect(JSON.stringify((await gql(bad)).body)).toContain('stacktrace');
    const r = await post(prod.url, bad);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r.body)).not.toContain('stacktrace');
    const unauth = await post(prod.url, 'mutation { deleteEntity(input: { id: "x", version: 1, sources: ["y"] }) { audit { seq } } }');
    expect(codeOf(unauth)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(unauth.body)).not.toContain('stacktrace');
  });

  it('in production, an internal error becomes a bare INTERNAL_SERVER_ERROR', () => {
    const internal = new GraphQLError('Neo.ClientError.Statement.SyntaxError at line 3 of secret-query', { originalError: new Error('secret detail') });
    const formatted = { message: internal.message, path: ['model'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret.ts:1'] } };
    expect(formatError({ production: true })(formatted, internal)).toEqual({
      message: 'Internal server error',
      path: ['model'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(formatError({ production: false })(formatted, internal).message).toContain('secret-query');
  });
});
