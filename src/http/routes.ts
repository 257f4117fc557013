import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Config } from '../config.js';
import type { Database } from '../db/open.js';
import type { Context } from '../graphql/context.js';
import { mcpRoutes } from '../mcp/http.js';
import { explorerRoutes } from './explorer.js';
import { exportRoutes } from './exports.js';
import { healthRoutes } from './health.js';

/** What a plain HTTP route (anything but /graphql) gets to work with. */
export interface RouteContext {
  config: Config;
  database: Database;
  /** The service's GraphQL server, for routes that answer through the schema in-process (/mcp). */
  apollo: ApolloServer<Context>;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Exact path, or a pattern. */
  path: string | RegExp;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, ctx: RouteContext): Promise<void> | void;
}

/** Every non-GraphQL route of the service, one module per concern. */
export const routes: Route[] = [...healthRoutes, ...exportRoutes, ...explorerRoutes, ...mcpRoutes];

export function findRoute(method: string | undefined, pathname: string): Route | undefined {
  return routes.find(
    (r) => (r.method === method || (r.method === 'GET' && method === 'HEAD')) && (typeof r.path === 'string' ? r.path === pathname : r.path.test(pathname)),
  );
}
