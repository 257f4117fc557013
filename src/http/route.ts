import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Config } from '../config.js';
import type { Database } from '../db/open.js';
import type { Context } from '../graphql/context.js';

// The shape of a route, apart from the table of routes (./routes.ts), which imports every module that declares some.

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
