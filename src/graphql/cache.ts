import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Generation } from '../db/run.js';
import type { Context } from './context.js';

/**
 * Whole-response cache for read operations, on top of the row cache in src/db/run.ts and under the same rule:
 * an answer is reused only by a request that read the same data version from Neo4j after it arrived (one version
 * read per request; see ReadCache.generation). Every write moves that version, so a write is visible to the next
 * read on every instance sharing the database.
 *
 * Keyed on what an answer can depend on: the operation text, its name, its variables, and the caller's
 * credentials (so per-caller rules, if any, can never leak an answer across callers). Only error-free answers of
 * queries are kept. Requests traced with `ipkg-trace: 1` skip both caches, so their round-trip counts measure
 * batching rather than cache hits.
 */
export const responseCache: ApolloServerPlugin<Context> = {
  async requestDidStart({ request, contextValue }) {
    if (request.http?.headers.get('ipkg-trace') === '1') {
      contextValue.trips.bypassCache = true;
      return;
    }
    const cache = contextValue.db.cache;
    if (!cache) return;
    let gen: Generation | undefined;
    let key: string | undefined;
    return {
      async responseForOperation({ source, operation, operationName, request: req, contextValue: ctx }) {
        if (operation.operation !== 'query') return null;
        gen = await ctx.db.generation(ctx.trips);
        // The caller is part of the key (answers may one day depend on it), as a digest: tokens are never kept raw.
        const auth = req.http?.headers.get('authorization');
        key = JSON.stringify([source, operationName, req.variables ?? null, auth ? createHash('sha256').update(auth).digest('hex') : null]);
        const hit = gen.responses.get(key);
        if (!hit) {
          cache.stats.responseMisses += 1;
          return null;
        }
        cache.stats.responseHits += 1;
        key = undefined; // served from the cache: nothing to store
        // A fresh result object per response, so plugins that add extensions never touch the cached one.
        return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.value as Record<string, unknown> } } };
      },
      async willSendResponse({ response }) {
        if (!gen || key === undefined || response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (errors?.length || !data) return;
        const bytes = JSON.stringify(data).length;
        if (bytes > cache.limits.maxResponseBytes / 4) return; // one huge answer must not evict everything else
        gen.responses.set(key, { value: data, bytes });
        gen.responseBytes += bytes;
        for (const [k, v] of gen.responses) {
          if (gen.responseBytes <= cache.limits.maxResponseBytes) break;
          gen.responses.delete(k); // oldest first
          gen.responseBytes -= v.bytes;
        }
      },
    };
  },
};
