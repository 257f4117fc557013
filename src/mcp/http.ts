import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Route, RouteContext } from '../http/route.js';
import { inProcess } from './execute.js';
import { createMcpServer } from './tools.js';

/**
 * /mcp: the tools over MCP's streamable HTTP transport, stateless (every POST carries its own JSON-RPC request and
 * gets a JSON answer; no session, so any instance behind a load balancer can answer). GET (a server-to-client
 * event stream) and DELETE (ending a session) have nothing to do without sessions and answer 405, as the
 * transport specification allows.
 */

const MAX_BODY_BYTES = 1_000_000; // as for /graphql
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopbackBind = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

function jsonRpcError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/**
 * DNS rebinding guard, which the MCP transport specification asks of servers: bound to loopback (the default),
 * only a loopback Host is served; and a browser's cross-origin request (an Origin other than the Host) never is.
 */
export function refusal(req: IncomingMessage, bindHost: string): string | undefined {
  const host = req.headers.host ?? '';
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return 'The Host header is not valid';
  }
  if (isLoopbackBind(bindHost) && !LOOPBACK_NAMES.has(hostname)) return `Host "${host}" is not served: this endpoint answers on loopback only`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  try {
    if (new URL(origin).host === host) return undefined;
  } catch {
    // an unparsable Origin is refused below
  }
  return `Cross-origin requests (Origin "${origin}") are not served`;
}

async function post(req: IncomingMessage, res: ServerResponse, _url: URL, { config, database, apollo }: RouteContext): Promise<void> {
  const refused = refusal(req, config.host);
  if (refused) return jsonRpcError(res, 403, refused);
  const server = createMcpServer(inProcess(apollo, database.db));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
  // One server and transport per request (stateless): released when the response is done.
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

const noSessions = (_req: IncomingMessage, res: ServerResponse) =>
  jsonRpcError(res, 405, 'Method not allowed: this MCP endpoint is stateless; send JSON-RPC requests with POST.', { allow: 'POST' });

export const mcpRoutes: Route[] = [
  { method: 'POST', path: '/mcp', handle: post },
  { method: 'GET', path: '/mcp', handle: noSessions },
  { method: 'DELETE', path: '/mcp', handle: noSessions },
];
