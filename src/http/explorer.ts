import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendJson } from './respond.js';
import type { Route } from './route.js';
import { ensureWeb, WEB_OUT, WEB_SRC } from './web-bundle.js';

/** GET / (the explorer), GET /graphiql, and their bundles under /web/. Everything is local: no CDN at run time. */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The pages load only same-origin scripts and styles; GraphiQL's fonts are inlined as data: URLs.
const CSP = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'";

async function sendFile(res: ServerResponse, path: string, ext: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return sendJson(res, 404, { error: 'not found' });
  }
  res.writeHead(200, { 'content-type': TYPES[ext], 'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function withBundles(res: ServerResponse, then: () => Promise<void>): Promise<void> {
  try {
    await ensureWeb();
  } catch (err) {
    return sendJson(res, 503, { error: `The explorer could not be built (run \`npm run build:web\`): ${(err as Error).message}` });
  }
  return then();
}

const page = (path: string, file: string): Route => ({
  method: 'GET',
  path,
  handle: (_req, res) => withBundles(res, () => sendFile(res, join(WEB_SRC, file), '.html')),
});

export const explorerRoutes: Route[] = [
  page('/', 'index.html'),
  page('/graphiql', 'graphiql.html'),
  {
    method: 'GET',
    // A fixed set of names: nothing from the URL reaches the file system beyond this pattern.
    path: /^\/web\/(explorer|graphiql)\.(js|css)(\.map)?$/,
    handle: (_req, res, url) => {
      const name = url.pathname.slice('/web/'.length);
      return withBundles(res, () => sendFile(res, join(WEB_OUT, name), name.endsWith('.map') ? '.map' : name.slice(name.lastIndexOf('.'))));
    },
  },
];
