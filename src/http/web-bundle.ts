import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser bundles (explorer and GraphiQL), built from web/ with esbuild into dist/web (git-ignored). Built
 * once per process, on the first request that needs them (about a second), so `npm start` needs no build step
 * and a running service never serves bundles older than its sources; `npm run build:web` builds them ahead.
 * Without esbuild (a production install omits dev dependencies) a bundle built earlier is served as it is.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_SRC = join(ROOT, 'web');
export const WEB_OUT = join(ROOT, 'dist', 'web');
export const BUNDLES = ['explorer.js', 'explorer.css', 'graphiql.js', 'graphiql.css'] as const;

export async function buildWeb(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { explorer: join(WEB_SRC, 'explorer.ts'), graphiql: join(WEB_SRC, 'graphiql.tsx') },
    bundle: true,
    outdir: WEB_OUT,
    format: 'esm',
    target: 'es2020',
    minify: true,
    sourcemap: 'linked',
    jsx: 'automatic',
    // React and GraphiQL pick their production builds from this; nothing is looked up at run time.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
}

let pending: Promise<void> | undefined;

/** Resolves once dist/web holds current bundles; a failed build is retried on the next request. */
export function ensureWeb(): Promise<void> {
  pending ??= buildWeb().catch((err: unknown) => {
    if (BUNDLES.every((b) => existsSync(join(WEB_OUT, b)))) return;
    pending = undefined;
    throw err;
  });
  return pending;
}
