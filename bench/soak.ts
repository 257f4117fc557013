/**
 * npm run soak: a bounded load test on loopback. Starts the service (on NEO4J_URI, or a throw-away embedded Neo4j
 * seeded from seed/), then drives it with SOAK_CONNECTIONS concurrent clients for SOAK_SECONDS over a mix of reads,
 * reasoning queries and curator writes, and prints requests served, errors, latency and memory before and after.
 *
 *   SOAK_SECONDS=60 SOAK_CONNECTIONS=50 npm run soak
 *   npm run soak -- --scale 10      (the synthetic graph at 10x the curated one, loaded first)
 *
 * The figures are also written to bench/results/soak-<scale>x.json.
 * Errors are non-2xx answers, timeouts and answers carrying GraphQL `errors`: the target is zero. Memory is sampled
 * every 10 s (after a forced GC when run with --expose-gc, as the npm script does) to show whether it trends up.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, applySchema, type Database } from '../src/db/open.js';
import { compileSeed } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { syntheticGraph } from '../src/seed/synthetic.js';
import { startService } from '../src/server.js';
import { flag, num } from './flags.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const SCALE = num(flag('scale'), 1);
const TOKEN = randomBytes(24).toString('hex');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

const READS = [
  '{ model(id: "cognitive-behavioral-therapy") { id name techniques { id mechanisms { id } } } }',
  '{ techniques(first: 20) { totalCount edges { node { id models { id } modalities { id } } } } }',
  '{ node(id: "thought-record") { id ... on Technique { contraindications { severity contraindication { id } } } } }',
  '{ models(first: 50, filter: { orientation: COGNITIVE }) { edges { node { id name } } } }',
];
const REASONING = [
  '{ tailor(profile: { reactance: HIGH, stageOfChange: CONTEMPLATION, risks: [ACUTE_CRISIS] }, first: 10) { recommendations { technique { id } score } excluded { technique { id } } } }',
  '{ assimilableTechniques(baseModelId: "psychodynamic-therapy", first: 10) { technique { id } compatible } }',
  '{ validatePlan(steps: ["thought-record", "exposure-hierarchy"]) { valid violations { kind } } }',
];
let written = 0;
const WRITE = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id version } } }';

function nextBody(): { body: string; write: boolean } {
  const roll = Math.random();
  if (roll < 0.1) {
    written += 1;
    const input = {
      kind: 'DOMAIN',
      id: `soak-${process.pid}-${written}`,
      fields: { name: `Soak ${written}`, description: 'Written by npm run soak.', sources: ['beck-1979'], evidence: 'EXPERT_OPINION' },
    };
    return { body: JSON.stringify({ query: WRITE, variables: { input } }), write: true };
  }
  const pool = roll < 0.4 ? REASONING : READS;
  return { body: JSON.stringify({ query: pool[Math.floor(Math.random() * pool.length)] }), write: false };
}

/** The configured database (or a throw-away embedded one) holding the synthetic graph at `factor`x, loaded in stages. */
async function grown(config: Config, factor: number): Promise<Database> {
  const database = await openDatabase(config, (l) => console.error(l));
  await applySchema(database.db);
  const graph = syntheticGraph(compileSeed().graph, factor);
  console.error(`soak: loading ${factor}x: ${graph.nodes.length} nodes, ${graph.edges.length} relationships...`);
  await loadSeed(database.db, graph, { progress: (l: string) => console.error(`soak: ${l}`) });
  return database;
}

async function main() {
  const dataDir = process.env.NEO4J_URI ? undefined : mkdtempSync(join(tmpdir(), 'ipkg-soak-neo4j-'));
  const env = { ...process.env, IPKG_TOKENS: `soak:curator:${TOKEN}` };
  const config = { ...loadConfig(env), port: 0, ...(dataDir ? { localPort: await freePort(), localDataDir: dataDir } : {}) };
  if (process.env.NEO4J_URI) console.error('soak: NEO4J_URI is set: the write share of the load creates soak-* Domain entities in that database');
  const database = SCALE > 1 ? await grown(config, SCALE) : undefined;
  const service = await startService(config, { log: (l) => console.error(l), ...(database ? { database } : {}) });
  let graphqlErrors = 0;
  const firstErrors: string[] = [];
  try {
    for (let i = 0; i < 20; i++) await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nextBody().body }); // warm-up
    const before = memory();
    const samples: string[] = [];
    const sampler = setInterval(() => {
      const m = memory();
      samples.push(`${samples.length * 10 + 10}s rss ${mb(m.rss)} heap ${mb(m.heapUsed)}`);
    }, 10_000);
    console.error(`soak: ${CONNECTIONS} connections for ${SECONDS}s against ${service.url} (90% reads and reasoning, 10% writes)...`);
    const result = await autocannon({
      url: service.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const { body, write } = nextBody();
            return { ...req, body, headers: { 'content-type': 'application/json', ...(write ? { authorization: `Bearer ${TOKEN}` } : {}) } };
          },
          onResponse: (_status, body) => {
            if (body.includes('"errors"')) {
              graphqlErrors += 1;
              if (firstErrors.length < 5) firstErrors.push(body.slice(0, 300));
            }
          },
        },
      ],
    });
    clearInterval(sampler);
    const after = memory();
    const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
    console.log(
      [
        `soak: ${SECONDS}s, ${CONNECTIONS} connections`,
        `  requests served: ${result.requests.total} (${result.requests.average.toFixed(0)}/s), writes: ${written}`,
        `  errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphqlErrors})`,
        `  latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
        `  memory before: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)}`,
        `  memory after:  rss ${mb(after.rss)}, heap ${mb(after.heapUsed)}`,
        `  samples: ${samples.join(' | ')}`,
        ...firstErrors.map((e) => `  error: ${e}`),
      ].join('\n'),
    );
    const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `soak-${SCALE}x.json`);
    mkdirSync(dirname(out), { recursive: true });
    const figures = {
      date: new Date().toISOString(),
      scale: SCALE,
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: result.requests.total,
      writes: written,
      errors: { total: errors, connection: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphql: graphqlErrors },
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      memoryMb: { before: { rss: before.rss / 2 ** 20, heap: before.heapUsed / 2 ** 20 }, after: { rss: after.rss / 2 ** 20, heap: after.heapUsed / 2 ** 20 } },
      samples,
    };
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`  written to ${out}`);
    process.exitCode = errors === 0 ? 0 : 1;
  } finally {
    await service.close();
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
