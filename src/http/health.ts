import { schemaReady } from '../db/open.js';
import { sendJson } from './respond.js';
import type { Route } from './route.js';

/** /health: the process is up. /ready: Neo4j answers and the schema (constraints, indexes) is online. */
export const healthRoutes: Route[] = [
  { method: 'GET', path: '/health', handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
  {
    method: 'GET',
    path: '/ready',
    async handle(_req, res, _url, { database }) {
      try {
        const ready = await schemaReady(database.db);
        sendJson(res, ready ? 200 : 503, { ready, neo4j: 'reachable' });
      } catch {
        sendJson(res, 503, { ready: false, neo4j: 'unreachable' });
      }
    },
  },
];
