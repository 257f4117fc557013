import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.js';

/**
 * With the request header `ipkg-trace: 1`, the response's `extensions.roundTrips` says how many database
 * queries the operation cost: the batching contract (one query per nesting level) made observable.
 */
export const roundTripTrace: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    if (request.http?.headers.get('ipkg-trace') !== '1') return;
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, roundTrips: contextValue.trips.count };
        }
      },
    };
  },
};
