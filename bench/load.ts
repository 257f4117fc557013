import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Drives HTTP load with autocannon in a child process, so the load generator's own work never competes with the
 * servers' event loop (they share this process; Neo4j is a third process). Percentiles are autocannon's, in ms.
 */

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  durationS: number;
  connections: number;
  timeoutS: number;
}

export function measure(url: string, body: string, opts: LoadOptions): Promise<Measure> {
  const args = [
    AUTOCANNON,
    '-j',
    '-n',
    '-c',
    String(opts.connections),
    '-d',
    String(opts.durationS),
    '-t',
    String(opts.timeoutS),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    body,
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`autocannon failed: ${err.message}\n${stderr}`));
      const r = JSON.parse(stdout);
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
      });
    });
  });
}

/** One request, checked: a fast error is not a result, so every target must answer the scenario without errors first. */
export async function check(url: string, body: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  let json: { data?: unknown; errors?: unknown[] };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (res.status !== 200 || json.errors?.length || json.data === undefined || json.data === null) {
    throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(json.errors ?? json).slice(0, 600)}`);
  }
  return json.data;
}
