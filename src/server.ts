import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Config } from './config.js';
import { applySchema, openDatabase, type Database } from './db/open.js';
import { DatabaseUnavailableError, isUnavailable } from './db/run.js';
import { createContext, type Context } from './graphql/context.js';
import { ErrorCode } from './graphql/errors.js';
import { inputFieldOf, isInputValueError } from './graphql/input-errors.js';
import { resolvers, typeDefs } from './graphql/schema.js';
import { roundTripTrace } from './graphql/trace.js';
import { compileSeed, formatErrors } from './seed/compile.js';
import { loadSeed } from './seed/load.js';
import { sendJson } from './http/respond.js';
import { findRoute } from './http/routes.js';

export interface Service {
  url: string;
  port: number;
  database: Database;
  apollo: ApolloServer<Context>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

/** Seeds the graph from seed/ when it holds no entity yet (first start of the embedded default). */
export async function seedIfEmpty(database: Database, log: (l: string) => void): Promise<void> {
  const empty = (await database.db.read('graph-is-empty'))[0]?.empty === true;
  if (!empty) return;
  const { graph, errors } = compileSeed();
  if (errors.length) throw new Error(`seed files are invalid, nothing loaded:\n${formatErrors(errors)}`);
  log(`seed: the graph is empty; loading ${graph.nodes.length} nodes and ${graph.edges.length} relationships...`);
  await loadSeed(database.db, graph, { progress: log });
}

export function formatError(config: Pick<Config, 'production'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DatabaseUnavailableError || isUnavailable(original)) {
      return { message: 'The graph database is not reachable right now; try again shortly.', path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('Request body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** Starts the HTTP service: GraphQL at /graphql, health at /health and /ready. */
export async function startService(config: Config, opts: { log?: (l: string) => void; database?: Database } = {}): Promise<Service> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const ownsDatabase = !opts.database;
  const database = opts.database ?? (await openDatabase(config, log));
  try {
    await applySchema(database.db);
    await seedIfEmpty(database, log);
    return await serve(config, database, ownsDatabase, log);
  } catch (err) {
    // Never leave an embedded Neo4j running behind a failed start.
    if (ownsDatabase) await database.close().catch(() => {});
    throw err;
  }
}

async function serve(config: Config, database: Database, ownsDatabase: boolean, log: (l: string) => void): Promise<Service> {
  const httpServer: Server = createServer();
  const apollo = new ApolloServer<Context>({
    typeDefs: typeDefs(),
    resolvers,
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(config),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), roundTripTrace],
  });
  await apollo.start();

  httpServer.on('request', (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      const status = (err as { status?: number }).status ?? 500;
      if (!res.headersSent) sendJson(res, status, graphqlError(status === 413 ? 'Request body too large' : 'Internal server error', status === 413 ? 'BAD_REQUEST' : ErrorCode.INTERNAL_SERVER_ERROR));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = findRoute(req.method, url.pathname);
    if (route) return route.handle(req, res, url, { config, database });
    if (url.pathname === '/graphql') return graphql(req, res, url);
    return sendJson(res, 404, { error: 'not found', graphql: '/graphql' });
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      if ((headers.get('content-type') ?? '').includes('json')) {
        try {
          body = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          return sendJson(res, 400, graphqlError('The request body is not valid JSON', 'BAD_REQUEST'));
        }
      } else body = raw;
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => createContext(database.db) });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolveListen) => httpServer.listen(config.port, config.host, resolveListen));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/graphql`;
  log(`ipkg: GraphQL ready at ${url}  (education and research only, not clinical advice)`);
  return {
    url,
    port,
    database,
    apollo,
    async close() {
      await apollo.stop(); // drains in-flight requests and closes the HTTP server
      if (ownsDatabase) await database.close();
    },
  };
}
