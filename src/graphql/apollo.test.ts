import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Db } from '../db/run.js';
import { createApollo } from './apollo.js';
import { createContext } from './context.js';

/**
 * The one construction of the service's GraphQL server: the limits and error formatting hold for every entry point
 * (HTTP, `ipkg query`, MCP stdio). Only refusals are asked here, which answer before any resolver reads the database.
 */

// Never read: every operation below is refused by a limit first. Without a cache, responseCache steps aside.
const noDatabase = { cache: null } as unknown as Db;

async function run(env: Record<string, string>, query: string, opts: Parameters<typeof createApollo>[1] = {}) {
  const apollo = createApollo(loadConfig(env), opts);
  await apollo.start();
  try {
    const response = await apollo.executeOperation({ query }, { contextValue: createContext(noDatabase) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  } finally {
    await apollo.stop();
  }
}

const ALIASED = '{ a: model(id: "x") { id } b: model(id: "x") { id } c: model(id: "x") { id } }';

describe('createApollo', () => {
  it('applies the query limits', async () => {
    const r = await run({ IPKG_MAX_ALIASES: '2' }, ALIASED);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
  });

  it('formats errors as the service does: no stack traces in production, nor when a caller turns them off', async () => {
    const production = await run({ IPKG_MAX_ALIASES: '2' }, ALIASED);
    expect(production.errors?.[0].extensions?.stacktrace).toBeUndefined();
    const development = await run({ IPKG_MAX_ALIASES: '2', NODE_ENV: 'development' }, ALIASED);
    expect(development.errors?.[0].extensions?.stacktrace).toBeDefined();
    const off = await run({ IPKG_MAX_ALIASES: '2', NODE_ENV: 'development' }, ALIASED, { stacktraces: false });
    expect(off.errors?.[0].extensions?.stacktrace).toBeUndefined();
  });

  it('stops the parser after maxTokens', async () => {
    const r = await run({ IPKG_MAX_TOKENS: '10' }, ALIASED);
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('runs the extra plugins of a transport', async () => {
    const seen: string[] = [];
    await run({}, '{ __typename }', { plugins: [{ requestDidStart: async ({ request }) => void seen.push(String(request.query)) }] });
    expect(seen).toEqual(['{ __typename }']);
  });
});
