import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './global-setup.js';

/**
 * `ipkg serve` as a real process: SIGTERM lets an in-flight request finish, then closes the driver and the
 * embedded Neo4j it started, and exits 0. Slow (a fresh Neo4j is started and seeded), so one test does it all.
 */

const ROOT = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'ipkg-sigterm-neo4j-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('SIGTERM', () => {
  it('drains the in-flight request, then stops Neo4j and exits 0', async () => {
    const [httpPort, boltPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['bin/ipkg.js', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(httpPort), NEO4J_LOCAL_PORT: String(boltPort), NEO4J_LOCAL_DATA: dataDir, NEO4J_LOCAL_HEAP_MB: '384', NEO4J_URI: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stderr! }).on('line', (l) => {
        lines.push(l);
        if (l.includes('GraphQL ready')) resolve();
      });
      void exited.then((code) => reject(new Error(`serve exited (${code}) before it was ready:\n${lines.join('\n')}`)));
    });
    expect(await portOpen(boltPort)).toBe(true);

    // A request whose body is still arriving when SIGTERM comes: in flight, not idle.
    const body = JSON.stringify({ query: '{ model(id: "cognitive-behavioral-therapy") { id } }' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: httpPort,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => child.kill('SIGTERM'), 300);
      setTimeout(() => req.end(body.slice(10)), 1_000);
    });
    const r = await response;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).data.model.id).toBe('cognitive-behavioral-therapy');

    expect(await exited).toBe(0);
    expect(lines.join('\n')).toMatch(/SIGTERM: draining/);
    expect(await portOpen(boltPort)).toBe(false); // the embedded Neo4j went with it
    expect(await portOpen(httpPort)).toBe(false);
  }, 240_000);
});
