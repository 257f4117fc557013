import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.js';

/**
 * With the request header `ipkg-trace: 1`, the response's `extensions.roundTrips` says how many database
 * queries the operation cost: the batching contract (one query per nesting level) made observable. The named
 * queries themselves, with their parameters and in the order sent, come as `extensions.queries` (reads, and the
 * statements of a write transaction marked `write`), so test/tck.int.test.ts can snapshot which Cypher an operation
 * runs. The header is honoured outside production only (server.ts drops it there).
 */
export const roundTripTrace: ApolloServerPlugin<Context> = {
  async requestDidStart({ request, contextValue }) {
    if (request.http?.headers.get('ipkg-trace') !== '1') return;
    contextValue.trips.queries = [];
    return {
      async willSendResponse({ response, contextValue: ctx }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, roundTrips: ctx.trips.count, queries: ctx.trips.queries };
        }
      },
    };
  },
};
