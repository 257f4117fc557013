/**
 * `npm run bench -- --mixed` (issue 13): real traffic rather than one repeated request. Seeded random arguments
 * over the reasoning and browsing questions (distinct profiles, bases, techniques, pages), with curation writes at
 * none / a realistic rate (one every 3 s) / a stress rate (ten a second). For each write rate it reports throughput,
 * p50 and p99, the read cache's hit rates, and the p99 of the first requests after each write (those that started
 * within POST_WRITE_MS of a write's answer), and writes bench/results/mixed.json (--out FILE).
 *
 * The load runs in a child process (this file with --client), so the load generator never shares the service's
 * event loop; the service and a throw-away embedded Neo4j run here.
 *
 * Flags (or env): --duration S (BENCH_DURATION, default 20 per write rate), --connections N (BENCH_CONNECTIONS,
 * default 10), --rates 0,0.333,10 (writes per second), --seed N (BENCH_SEED, default 13), --variants nostore,store
 * (each rate without, then with, the in-memory technique-profile store: Config.profileStore, one service per variant),
 * --warmup S (BENCH_WARMUP, default 10; unmeasured load first, so Neo4j has planned every query), --scale N (the
 * synthetic graph at N times the curated one, loaded before the services start, its entities in the argument pools;
 * written to bench/results/mixed-<N>x.json).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadConfig, type Config } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { applySchema } from '../src/db/open.js';
import { Db, type CacheStats } from '../src/db/run.js';
import { loadSeed } from '../src/seed/load.js';
import { syntheticGraph } from '../src/seed/synthetic.js';
import { startLocalNeo4j, neo4jVersion } from '../src/neo4j-local/launcher.js';
import { startService } from '../src/server.js';
import { compileSeed, formatErrors, type SeedGraph } from '../src/seed/compile.js';
import { freePort } from '../test/global-setup.js';
import { flag, num } from './flags.js';

const HERE = fileURLToPath(import.meta.url);
const log = (l: string) => process.stderr.write(`${l}\n`);
/** A request "follows a write" when it started within this many ms of a write's answer. */
const POST_WRITE_MS = 250;

// ---------------------------------------------------------------------------------------------------------------
// The workload: a seeded generator of GraphQL bodies over the curated seed's ids.
// ---------------------------------------------------------------------------------------------------------------

/** mulberry32: small, seeded, good enough to spread arguments. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Pools {
  techniques: string[];
  models: string[];
  modalities: string[];
  targets: string[];
}

export function poolsOf(graph: SeedGraph): Pools {
  const ids = (label: string) =>
    graph.nodes
      .filter((n) => n.label === label)
      .map((n) => n.id)
      .sort();
  return { techniques: ids('Technique'), models: ids('Model'), modalities: ids('Modality'), targets: ids('Target') };
}

const STAGES = ['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE'];
const LEVELS = ['LOW', 'MODERATE', 'HIGH'];
const RELATIONAL = ['SECURE', 'ANXIOUS', 'AVOIDANT', 'DISORGANIZED'];
const LEARNING = ['EXPERIENTIAL', 'COGNITIVE', 'BEHAVIORAL'];
const COPING = ['INTERNALIZING', 'EXTERNALIZING'];
const FORMATS = ['INDIVIDUAL', 'COUPLE', 'FAMILY', 'GROUP'];
const RISKS = ['ACUTE_SUICIDALITY', 'RECENT_SELF_HARM', 'UNSTABLE_DISSOCIATION', 'ACTIVE_PSYCHOSIS', 'SUBSTANCE_INTOXICATION'];
const PROBLEMS = [
  'panic when leaving the house',
  'cannot stop worrying',
  'arguments with my partner',
  'trouble sleeping',
  'feel numb and empty',
  'avoid social situations',
];

export interface Call {
  kind: string;
  query: string;
  variables: Record<string, unknown>;
}

export function generator(pools: Pools, seed: number): () => Call {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs)))];
  const maybe = <T>(v: T) => (r() < 0.5 ? v : undefined);
  const profile = () => {
    const p: Record<string, unknown> = {
      stageOfChange: maybe(pick(STAGES)),
      reactance: maybe(pick(LEVELS)),
      psychologicalMindedness: maybe(pick(LEVELS)),
      emotionalReactivity: maybe(pick(LEVELS)),
      relationalStyle: maybe(pick(RELATIONAL)),
      learningStyle: maybe(pick(LEARNING)),
      copingStyle: maybe(pick(COPING)),
      format: maybe(pick(FORMATS)),
      risks: r() < 0.3 ? some(RISKS, 2) : undefined,
      targets: r() < 0.3 ? some(pools.targets, 2) : undefined,
    };
    return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
  };
  const calls: Array<[number, () => Call]> = [
    [
      4,
      () => ({
        kind: 'tailor',
        query:
          'query($p: ClientProfileInput!, $b: ID, $n: Int) { tailor(profile: $p, baseModelId: $b, first: $n) { recommendations { technique { id name } score } excluded { technique { id } } } }',
        variables: { p: profile(), b: maybe(pick(pools.models)), n: 5 + Math.floor(r() * 20) },
      }),
    ],
    [
      2,
      () => ({
        kind: 'validatePlan',
        query: 'query($s: [ID!]!, $p: ClientProfileInput) { validatePlan(steps: $s, profile: $p) { valid violations { kind } } }',
        variables: { s: some(pools.techniques, 6), p: maybe(profile()) },
      }),
    ],
    [
      2,
      () => ({
        kind: 'planTreatment',
        query: 'query($p: ClientProfileInput!, $b: ID) { planTreatment(profile: $p, baseModelId: $b) { disclaimer } }',
        variables: { p: profile(), b: maybe(pick(pools.models)) },
      }),
    ],
    [
      1,
      () => ({
        kind: 'multimodalPlan',
        query: 'query($q: [ModalityProblemInput!]!, $p: ClientProfileInput) { multimodalPlan(problems: $q, profile: $p) { explanation } }',
        variables: {
          q: some(pools.modalities, 3).map((modality) => (r() < 0.5 ? { modality, problem: pick(PROBLEMS) } : { modality, target: pick(pools.targets) })),
          p: maybe(profile()),
        },
      }),
    ],
    [
      2,
      () => ({
        kind: 'assimilableTechniques',
        query: 'query($b: ID!, $n: Int) { assimilableTechniques(baseModelId: $b, first: $n) { technique { id } compatible } }',
        variables: { b: pick(pools.models), n: 10 },
      }),
    ],
    [
      2,
      () => ({
        kind: 'assimilationCheck',
        query: 'query($b: ID!, $t: ID!) { assimilationCheck(baseModelId: $b, techniqueId: $t) { compatible } }',
        variables: { b: pick(pools.models), t: pick(pools.techniques) },
      }),
    ],
    [
      2,
      () => ({
        kind: 'technique',
        query: 'query($id: ID!) { technique(id: $id) { id name models { id } modalities { id } contraindications { severity contraindication { id } } } }',
        variables: { id: pick(pools.techniques) },
      }),
    ],
    [2, () => ({ kind: 'model', query: 'query($id: ID!) { model(id: $id) { id name techniques { id } } }', variables: { id: pick(pools.models) } })],
    [
      2,
      () => ({
        kind: 'techniques',
        query: 'query($n: Int) { techniques(first: $n) { totalCount edges { cursor node { id name } } } }',
        variables: { n: 5 + Math.floor(r() * 45) },
      }),
    ],
    [
      1,
      () => ({
        kind: 'models',
        query: 'query($n: Int) { models(first: $n) { totalCount edges { node { id name } } } }',
        variables: { n: 5 + Math.floor(r() * 45) },
      }),
    ],
  ];
  const total = calls.reduce((s, [w]) => s + w, 0);
  return () => {
    let x = r() * total;
    for (const [w, make] of calls) if ((x -= w) < 0) return make();
    return calls[0][1]();
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The client (child process): closed-loop readers plus a writer at a fixed rate; prints one JSON result.
// ---------------------------------------------------------------------------------------------------------------

interface ClientResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  postWrite: number[];
  writes: number;
  writeErrors: number;
  firstErrors: string[];
}

async function client(): Promise<void> {
  const url = flag('client')!;
  const token = process.env.BENCH_TOKEN ?? '';
  const durationS = num(flag('duration'), 20);
  const connections = num(flag('connections'), 10);
  const rate = num(flag('rate'), 0);
  const pools = JSON.parse(process.env.BENCH_POOLS ?? '{}') as Pools;
  const next = generator(pools, num(flag('seed'), 13));
  const post = (body: unknown, auth = false) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  const out: ClientResult = { requests: 0, errors: 0, seconds: durationS, latencies: [], postWrite: [], writes: 0, writeErrors: 0, firstErrors: [] };
  const writeEnds: number[] = [];
  const started: Array<{ t0: number; ms: number }> = [];
  const end = performance.now() + durationS * 1000;

  const reader = async () => {
    while (performance.now() < end) {
      const call = next();
      const t0 = performance.now();
      let ok = false;
      try {
        const res = await post({ query: call.query, variables: call.variables });
        const text = await res.text();
        ok = res.status === 200 && !text.includes('"errors"');
        if (!ok && out.firstErrors.length < 5) out.firstErrors.push(`${call.kind}: ${text.slice(0, 300)}`);
      } catch (err) {
        if (out.firstErrors.length < 5) out.firstErrors.push(`${call.kind}: ${(err as Error).message}`);
      }
      const ms = performance.now() - t0;
      out.requests += 1;
      if (!ok) out.errors += 1;
      out.latencies.push(ms);
      started.push({ t0, ms });
    }
  };

  // Writes alternate: a new Domain (reasoning data untouched) and a technique's description (one profile touched).
  const writer = async () => {
    if (rate <= 0) return;
    const gap = 1000 / rate;
    const techniques = pools.techniques;
    for (let i = 0; performance.now() < end; i++) {
      const due = performance.now() + gap;
      try {
        let body: unknown;
        if (i % 2 === 0) {
          body = {
            query: 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }',
            variables: {
              input: {
                kind: 'DOMAIN',
                id: `mixed-${process.pid}-${i}`,
                fields: { name: `Mixed ${i}`, description: 'Written by the mixed benchmark.', sources: ['beck-1979'], evidence: 'EXPERT_OPINION' },
              },
            },
          };
        } else {
          const id = techniques[(i * 7) % techniques.length];
          const v = (await (await post({ query: 'query($id: ID!) { technique(id: $id) { version } }', variables: { id } })).json()) as {
            data: { technique: { version: number } };
          };
          body = {
            query: 'mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }',
            variables: {
              input: {
                id,
                version: v.data.technique.version,
                fields: { description: `Described again by the mixed benchmark (${i}).` },
                sources: ['beck-1979'],
              },
            },
          };
        }
        const text = await (await post(body, true)).text();
        if (text.includes('"errors"')) {
          out.writeErrors += 1;
          if (out.firstErrors.length < 5) out.firstErrors.push(`write: ${text.slice(0, 300)}`);
        } else {
          out.writes += 1;
          writeEnds.push(performance.now());
        }
      } catch (err) {
        out.writeErrors += 1;
        if (out.firstErrors.length < 5) out.firstErrors.push(`write: ${(err as Error).message}`);
      }
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };

  await Promise.all([...Array.from({ length: connections }, reader), writer()]);
  // The requests that started within POST_WRITE_MS after a write's answer: the ones a cold generation serves.
  let w = 0;
  for (const s of started.sort((a, b) => a.t0 - b.t0)) {
    while (w + 1 < writeEnds.length && writeEnds[w + 1] <= s.t0) w++;
    if (writeEnds.length && writeEnds[w] <= s.t0 && s.t0 - writeEnds[w] <= POST_WRITE_MS) out.postWrite.push(s.ms);
  }
  process.stdout.write(JSON.stringify(out));
}

// ---------------------------------------------------------------------------------------------------------------
// The driver (this process): Neo4j + the service, then one client run per write rate.
// ---------------------------------------------------------------------------------------------------------------

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10;
};
const rate = (hits: number, misses: number) => (hits + misses ? Math.round((hits / (hits + misses)) * 1000) / 1000 : null);

function runClient(
  url: string,
  token: string,
  pools: Pools,
  opts: { durationS: number; connections: number; rate: number; seed: number },
): Promise<ClientResult> {
  const args = [
    '--import',
    'tsx',
    HERE,
    '--client',
    url,
    '--duration',
    String(opts.durationS),
    '--connections',
    String(opts.connections),
    '--rate',
    String(opts.rate),
    '--seed',
    String(opts.seed),
  ];
  return new Promise((res, rej) =>
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, BENCH_TOKEN: token, BENCH_POOLS: JSON.stringify(pools) }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return rej(new Error(`mixed client failed: ${err.message}\n${stderr}`));
        res(JSON.parse(stdout) as ClientResult);
      },
    ),
  );
}

export async function runMixed(): Promise<void> {
  const durationS = num(flag('duration') ?? process.env.BENCH_DURATION, 20);
  const connections = num(flag('connections') ?? process.env.BENCH_CONNECTIONS, 10);
  const rates = (flag('rates') ?? '0,0.333,10').split(',').map(Number);
  const variants = (flag('variants') ?? 'nostore,store').split(',');
  const warmupS = num(flag('warmup') ?? process.env.BENCH_WARMUP, 10);
  const seed = num(flag('seed') ?? process.env.BENCH_SEED, 13);
  const factor = num(flag('scale'), 1);
  const out = resolve(flag('out') ?? join(dirname(HERE), 'results', factor > 1 ? `mixed-${factor}x.json` : 'mixed.json'));
  const { graph: curated, errors } = compileSeed();
  if (errors.length) throw new Error(`seed files are invalid:\n${formatErrors(errors)}`);
  const graph = factor > 1 ? syntheticGraph(curated, factor) : curated;
  const pools = poolsOf(graph);
  const dataDir = mkdtempSync(join(tmpdir(), 'ipkg-bench-mixed-'));
  const token = randomBytes(24).toString('hex');
  const base = loadConfig({ ...process.env, IPKG_TOKENS: `bench:curator:${token}` });
  // production: false, so a failing request says why in firstErrors.
  // A minute per query, as bench/run.ts gives: on a loaded machine a timeout would measure the machine, not the cache.
  const config: Config = { ...base, port: 0, host: '127.0.0.1', localPort: await freePort(), localDataDir: dataDir, production: false, queryTimeoutMs: 60_000 };
  log(`bench mixed: starting a throw-away Neo4j ${neo4jVersion()} in ${dataDir}`);
  const serviceLog = (l: string) => (/error|fail|seed:/i.test(l) ? log(`  service: ${l.slice(0, 400)}`) : undefined);
  const neo4j = await startLocalNeo4j({ dataDir, port: config.localPort, heapMb: config.localHeapMb, pageCacheMb: config.localPageCacheMb, log: serviceLog });
  try {
    if (factor > 1) {
      // Loaded before any service starts, so each finds a seeded graph and leaves it as it is.
      log(`bench mixed: loading ${factor}x: ${graph.nodes.length} nodes, ${graph.edges.length} relationships...`);
      const driver = createDriver(config, neo4j.uri);
      try {
        const db = new Db(driver, { database: config.neo4jDatabase, timeoutMs: 120_000, cache: false });
        await applySchema(db);
        await loadSeed(db, graph, {});
      } finally {
        await driver.close();
      }
    }
    const rows = [];
    for (const [i, variant] of variants.entries()) {
      // The technique-profile store of issue 13 (src/questions/profiles.ts) on or off; off is the code before it. The
      // switch is a Config setting, so each variant gets its own service over the one Neo4j (its data and plans carry over).
      const service = await startService({ ...config, neo4jUri: neo4j.uri, profileStore: variant === 'store' }, { log: serviceLog });
      try {
        // Neo4j plans and compiles each query on first use: warm every question (another seed) before measuring.
        if (i === 0 && warmupS > 0) {
          log(`bench mixed: warming up for ${warmupS}s...`);
          await runClient(service.url, token, pools, { durationS: warmupS, connections, rate: 0, seed: seed + 1 });
        }
        for (const r of rates) {
          const stats0 = { ...(service.database.db.cache?.stats ?? ({} as CacheStats)) };
          log(`bench mixed: ${variant}, ${durationS}s, ${connections} connections, ${r} writes/s...`);
          const c = await runClient(service.url, token, pools, { durationS, connections, rate: r, seed });
          const s1 = service.database.db.cache?.stats;
          const d = (k: keyof CacheStats) => (s1 ? s1[k] - (stats0[k] ?? 0) : 0);
          const row = {
            variant,
            writesPerS: r,
            writes: c.writes,
            writeErrors: c.writeErrors,
            requests: c.requests,
            errors: c.errors,
            rps: Math.round((c.requests / c.seconds) * 10) / 10,
            p50: pct(c.latencies, 50),
            p99: pct(c.latencies, 99),
            postWrite: { requests: c.postWrite.length, p50: pct(c.postWrite, 50), p99: pct(c.postWrite, 99), windowMs: POST_WRITE_MS },
            cache: {
              responseHitRate: rate(d('responseHits'), d('responseMisses')),
              rowHitRate: rate(d('rowHits'), d('rowMisses')),
              versionReads: d('versionReads'),
            },
            firstErrors: c.firstErrors,
          };
          log(`  ${JSON.stringify(row)}`);
          rows.push(row);
        }
      } finally {
        await service.close();
      }
    }
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, neo4j: neo4jVersion() },
      settings: { durationS, connections, seed, warmupS, variants, postWriteMs: POST_WRITE_MS, scale: factor },
      rows,
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    const head = ['profiles', 'writes/s', 'writes', 'rps', 'p50 ms', 'p99 ms', 'response hit rate', 'row hit rate', 'post-write p99 ms (n)', 'errors'];
    const lines = rows.map((x) => [
      x.variant,
      x.writesPerS,
      x.writes,
      x.rps,
      x.p50,
      x.p99,
      x.cache.responseHitRate,
      x.cache.rowHitRate,
      `${x.postWrite.p99} (${x.postWrite.requests})`,
      x.errors + x.writeErrors,
    ]);
    console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}\n\nWritten to ${out}`);
  } finally {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === HERE && flag('client') !== undefined) {
  client().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
