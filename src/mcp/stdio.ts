import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config } from '../config.js';
import type { Database } from '../db/open.js';
import { isUnavailable } from '../db/run.js';
import { responseCache } from '../graphql/cache.js';
import type { Context } from '../graphql/context.js';
import { queryLimits } from '../graphql/limits.js';
import { completingFieldResolver } from '../graphql/projection.js';
import { resolvers, typeDefs } from '../graphql/schema.js';
import { formatError } from '../server.js';
import { inProcess } from './execute.js';
import { createMcpServer } from './tools.js';

/** As in server.ts: a database outage met in a plugin (the cache's version read) is reported as such. */
const noteUnavailable: ApolloServerPlugin<Context> = {
  async unexpectedErrorProcessingRequest({ requestContext, error }) {
    if (isUnavailable(error)) requestContext.contextValue.failure.unavailable = true;
  },
};

/**
 * `ipkg mcp`: the tools over stdio, for MCP clients that start their servers as a subprocess. The GraphQL server
 * is the service's (schema, resolvers, field resolver, error formatting, query limits, read cache) without its
 * HTTP-only parts. stdout carries the protocol, so everything else logs to stderr. Resolves when the client
 * closes stdin or the process gets SIGTERM/SIGINT; the caller then closes the database.
 */
export async function serveStdio(config: Config, database: Database, log: (line: string) => void): Promise<void> {
  const apollo = new ApolloServer<Context>({
    typeDefs: typeDefs(),
    resolvers,
    fieldResolver: completingFieldResolver,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(config),
    parseOptions: { maxTokens: config.limits.maxTokens },
    plugins: [queryLimits(config.limits), noteUnavailable, responseCache],
  });
  await apollo.start();
  const server = createMcpServer(inProcess(apollo, database.db));
  const transport = new StdioServerTransport();
  try {
    await new Promise<void>((resolveDone) => {
      const done = () => resolveDone();
      transport.onclose = done;
      process.stdin.once('end', done);
      process.stdin.once('close', done);
      process.once('SIGTERM', done);
      process.once('SIGINT', done);
      void server.connect(transport).then(
        () => log('ipkg mcp: serving the tools on stdio (education and research only, not clinical advice)'),
        (err: unknown) => {
          log(`ipkg mcp: ${err instanceof Error ? err.message : String(err)}`);
          done();
        },
      );
    });
  } finally {
    await server.close().catch(() => {});
    await apollo.stop();
  }
}
