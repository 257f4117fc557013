import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config } from '../config.js';
import type { Database } from '../db/open.js';
import { createApollo } from '../graphql/apollo.js';
import { inProcess } from './execute.js';
import { createMcpServer } from './tools.js';

/**
 * `ipkg mcp`: the tools over stdio, for MCP clients that start their servers as a subprocess. The GraphQL server
 * is the service's (src/graphql/apollo.ts: schema, resolvers, limits, caches, error formatting) without its
 * HTTP-only plugins, and operations run through it as the HTTP /mcp endpoint runs them (execute.ts, inProcess).
 * stdout carries the protocol, so everything else logs to stderr. Resolves when the client closes stdin or the
 * process gets SIGTERM/SIGINT; the caller then closes the database.
 */
export async function serveStdio(config: Config, database: Database, log: (line: string) => void): Promise<void> {
  // As the HTTP /mcp endpoint's (the service's) server; tools pass on an error's code and message only (tools.ts).
  const apollo = createApollo(config);
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
