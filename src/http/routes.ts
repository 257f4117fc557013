import { mcpRoutes } from '../mcp/http.js';
import { explorerRoutes } from './explorer.js';
import { exportRoutes } from './exports.js';
import { healthRoutes } from './health.js';
import type { Route } from './route.js';

/** Every non-GraphQL route of the service, one module per concern. */
export const routes: Route[] = [...healthRoutes, ...exportRoutes, ...explorerRoutes, ...mcpRoutes];

export function findRoute(method: string | undefined, pathname: string): Route | undefined {
  return routes.find(
    (r) => (r.method === method || (r.method === 'GET' && method === 'HEAD')) && (typeof r.path === 'string' ? r.path === pathname : r.path.test(pathname)),
  );
}
