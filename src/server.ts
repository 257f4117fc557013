import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { authenticate } from './auth/tokens.js';
import type { Config } from './config.js';
import { applySchema, openDatabase, type Database } from './db/open.js';
import { isUnavailable } from './db/run.js';
import type { ParamsOf, QueryName } from './db/queries.js';
import { createApollo } from './graphql/apollo.js';
import { createContext, type Context } from './graphql/context.js';
import { ErrorCode } from './graphql/errors.js';
import { checkDocumentText } from './graphql/limits.js';
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

/** Kept here too: formatError was first exported from this module. */
export { formatError } from './graphql/apollo.js';

/** Seeds the graph from seed/ when it holds no entity yet (first start of the embedded default). */
export async function seedIfEmpty(database: Database, log: (l: string) => void): Promise<void> {
  const empty = (await database.db.read('graph-is-empty'))[0]?.empty === true;
  if (!empty) return;
  const { graph, errors } = compileSeed();
  if (errors.length) throw new Error(`seed files are invalid, nothing loaded:\n${formatErrors(errors)}`);
  log(`seed: the graph is empty; loading ${graph.nodes.length} nodes and ${graph.edges.length} relationships...`);
  await loadSeed(database.db, graph, { progress: log });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client (still sending) gets its 413 instead of a reset
    // connection; only a body far past the limit is cut off.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > 16 * MAX_BODY_BYTES) {
        reject(Object.assign(new Error('Request body too large'), { status: 413 }));
        req.destroy();
      }
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES ? reject(Object.assign(new Error('Request body too large'), { status: 413 })) : resolveBody(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** Request errors of a well-formed request: the document does not parse, validate, fit the limits, or its variables do not coerce. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COSTLY',
]);

/**
 * GraphQL over HTTP: a client that asked only for `application/json` (not `application/graphql-response+json`)
 * predates status codes for request errors and SHOULD get 200 with the errors in the body. Clients accepting the
 * new media type, or anything (`*\/*`), keep the 400.
 */
function legacyJsonClient(accept: string | undefined, contentType: string | undefined, body: string): boolean {
  if (!accept || !/application\/json/i.test(accept) || /graphql-response\+json/i.test(accept)) return false;
  if (!contentType?.startsWith('application/json')) return false;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    return parsed.data === undefined && !!parsed.errors?.length && parsed.errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)));
  } catch {
    return false;
  }
}

const UNAVAILABLE_BODY = graphqlError('The graph database is not reachable right now; try again shortly.', ErrorCode.SERVICE_UNAVAILABLE);

/** Starts the HTTP service: GraphQL at /graphql, health at /health and /ready. */
/**
 * Plans the heaviest reasoning queries once before the first request: on a cold or busy Neo4j, planning them costs
 * seconds and would otherwise fall on (and time out) the first users. Empty arguments: the plan, not the answer, is
 * what is kept. A failure here only costs the warm-up.
 */
async function warmPlans(database: Database, log: (l: string) => void): Promise<void> {
  const started = Date.now();
  const failed: string[] = [];
  const plan = <N extends QueryName>(name: N, params: ParamsOf<N>) =>
    database.db.read(name, params, { count: 0, bypassCache: true }).catch((e: Error) => failed.push(`${name} (${e.message.slice(0, 80)})`));
  const warm = [
    plan('technique-profiles', { ids: [] }),
    plan('assimilation-base', { baseModelId: '' }),
    plan('multimodal-plan', { modalities: [], targets: [] }),
    plan('nodes-by-id', { ids: [] }),
  ];
  await Promise.all(warm);
  log(
    `ipkg: planned ${warm.length - failed.length} of ${warm.length} reasoning queries in ${((Date.now() - started) / 1000).toFixed(1)}s${failed.length ? `; not: ${failed.join(', ')}` : ''}`,
  );
}

export async function startService(config: Config, opts: { log?: (l: string) => void; database?: Database } = {}): Promise<Service> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const ownsDatabase = !opts.database;
  const database = opts.database ?? (await openDatabase(config, log));
  try {
    await applySchema(database.db);
    await seedIfEmpty(database, log);
    await warmPlans(database, log);
    return await serve(config, database, ownsDatabase, log);
  } catch (err) {
    // Never leave an embedded Neo4j running behind a failed start.
    if (ownsDatabase) await database.close().catch(() => {});
    throw err;
  }
}

async function serve(config: Config, database: Database, ownsDatabase: boolean, log: (l: string) => void): Promise<Service> {
  const httpServer: Server = createServer();
  // The HTTP-only plugins: no landing page, and stop() drains in-flight requests before the server closes.
  const apollo = createApollo(config, { plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })] });
  await apollo.start();

  httpServer.on('request', (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (isUnavailable(err) && !res.headersSent) {
        res.setHeader('retry-after', '5');
        return sendJson(res, 503, graphqlError('The graph database is not reachable right now; try again shortly.', ErrorCode.SERVICE_UNAVAILABLE));
      }
      const status = (err as { status?: number }).status ?? 500;
      if (!res.headersSent)
        sendJson(
          res,
          status,
          graphqlError(status === 413 ? 'Request body too large' : 'Internal server error', status === 413 ? 'BAD_REQUEST' : ErrorCode.INTERNAL_SERVER_ERROR),
        );
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = findRoute(req.method, url.pathname);
    if (route) return route.handle(req, res, url, { config, database, apollo });
    if (url.pathname === '/graphql') return graphql(req, res, url);
    return sendJson(res, 404, { error: 'not found', graphql: '/graphql' });
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // Tracing bypasses the read cache; in production nobody gets to switch it off.
    if (config.production) headers.delete('ipkg-trace');
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
    const query = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    const refused = checkDocumentText(query, config.limits);
    if (refused) return sendJson(res, 400, { errors: [{ message: refused.message, extensions: { ...refused.extensions, http: undefined } }] });
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    // The token is checked here, once; resolvers only see who the caller is (never the token itself).
    const caller = authenticate(headers.get('authorization'), config.tokens);
    const context = createContext(database.db, caller);
    const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    if (result.status === 500 && context.failure.unavailable) {
      res.setHeader('retry-after', '5');
      return sendJson(res, 503, UNAVAILABLE_BODY);
    }
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      if (res.statusCode === 400 && legacyJsonClient(headers.get('accept'), result.headers.get('content-type'), result.body.string)) res.statusCode = 200;
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
      try {
        await apollo.stop(); // drains in-flight requests and closes the HTTP server
      } finally {
        // Then the driver and, when this service started it, the embedded Neo4j: even if draining failed.
        if (ownsDatabase) await database.close();
      }
    },
  };
}
