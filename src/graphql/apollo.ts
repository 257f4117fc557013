import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { Config } from '../config.js';
import { DatabaseUnavailableError, isUnavailable } from '../db/run.js';
import { responseCache } from './cache.js';
import type { Context } from './context.js';
import { ErrorCode } from './errors.js';
import { inputFieldOf, isInputValueError } from './input-errors.js';
import { queryLimits } from './limits.js';
import { completingFieldResolver } from './projection.js';
import { resolvers, typeDefs } from './schema.js';
import { roundTripTrace } from './trace.js';

/**
 * The service's GraphQL server, built in one place: the HTTP service (src/server.ts), `ipkg query` and `ipkg mcp`
 * (stdio) all answer through it, so every entry point has the same schema, field resolver, limits, caches, trace
 * and error formatting. Transport-specific plugins (draining an HTTP server, the landing page) come as extras.
 */

export function formatError(config: Pick<Config, 'production'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DatabaseUnavailableError || isUnavailable(original)) {
      return {
        message: 'The graph database is not reachable right now; try again shortly.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    let code = formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
    // Duck-typed: under test runners graphql can be loaded twice, which breaks instanceof.
    if (isInputValueError(original, code)) {
      code = ErrorCode.BAD_USER_INPUT;
      formatted = { ...formatted, extensions: { ...formatted.extensions, code, field: formatted.extensions?.field ?? inputFieldOf(original) } };
    }
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && config.production) {
      return { message: 'Internal server error', path: formatted.path, extensions: { code } };
    }
    if (config.production) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return formatted;
  };
}

/**
 * A database outage met outside any resolver (a plugin's read, e.g. the cache's data-version read) reaches Apollo as
 * an unexpected error, which it turns into a bare 500. This notes it, so the caller answers SERVICE_UNAVAILABLE
 * instead (HTTP: 503), as it does for resolvers.
 */
export const noteUnavailable: ApolloServerPlugin<Context> = {
  async unexpectedErrorProcessingRequest({ requestContext, error }) {
    if (isUnavailable(error)) requestContext.contextValue.failure.unavailable = true;
  },
};

export interface ApolloOptions {
  /** Plugins of one transport, run before the shared ones (e.g. the HTTP server's drain). */
  plugins?: ApolloServerPlugin<Context>[];
  /** Stack traces in error responses; the default (outside production) suits the HTTP service's developers. */
  stacktraces?: boolean;
}

/** The service's Apollo Server, not yet started. */
export function createApollo(config: Config, opts: ApolloOptions = {}): ApolloServer<Context> {
  return new ApolloServer<Context>({
    typeDefs: typeDefs(),
    resolvers,
    fieldResolver: completingFieldResolver,
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: opts.stacktraces ?? !config.production,
    formatError: formatError(config),
    // The parser stops after maxTokens, so a huge or deeply nested document is refused before it is built.
    parseOptions: { maxTokens: config.limits.maxTokens },
    // queryLimits runs before responseCache, so a cached answer is never a way around the limits.
    // Apollo's cache-control hints are not used (the response cache keys on the data version); left on, the plugin
    // wraps every field resolver, which cost browse about a tenth of its CPU.
    plugins: [...(opts.plugins ?? []), ApolloServerPluginCacheControlDisabled(), queryLimits(config.limits), noteUnavailable, roundTripTrace, responseCache],
  });
}
