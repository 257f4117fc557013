/**
 * `npm run bench` (issue 7): our service, the raw-Cypher floor and the @neo4j/graphql peer, side by side on one
 * throw-away Neo4j with the same data, under the same HTTP load. Prints a table and writes
 * bench/results/latest.json. `npm run bench -- --scale` grows the graph 10x and 100x and reports how p50 moves.
 * `npm run bench -- --mixed` runs the mixed workload with curation writes instead (bench/mixed.ts).
 *
 * Flags (or env): --duration S (BENCH_DURATION, default 10; 5 with --scale), --connections N (BENCH_CONNECTIONS,
 * default 10), --warmup S (BENCH_WARMUP, default 2), --only id,id, --sizes 1,10,100,
 * --out FILE. The embedded Neo4j gets NEO4J_LOCAL_HEAP_MB (default here 1024) and NEO4J_LOCAL_PAGECACHE_MB (512).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { applySchema, type Database } from '../src/db/open.js';
import { Db } from '../src/db/run.js';
import { startLocalNeo4j, neo4jVersion } from '../src/neo4j-local/launcher.js';
import { startService, type Service } from '../src/server.js';
import { compileSeed, formatErrors, type SeedGraph } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { freePort } from '../test/global-setup.js';
import { check, measure, type LoadOptions, type Measure } from './load.js';
import { runMixed } from './mixed.js';
import { scenarios, type Scenario } from './scenarios.js';
import { startFloor, startPeer, type Listening } from './servers.js';
import { syntheticGraph } from '../src/seed/synthetic.js';
import { flag, num } from './flags.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const log = (l: string) => process.stderr.write(`${l}\n`);

const SCALE = flag('scale') !== undefined;
const LOAD: LoadOptions = {
  durationS: num(flag('duration') ?? process.env.BENCH_DURATION, SCALE ? 5 : 10),
  connections: num(flag('connections') ?? process.env.BENCH_CONNECTIONS, 10),
  timeoutS: 60,
};
const WARMUP_S = num(flag('warmup') ?? process.env.BENCH_WARMUP, 2);
const ONLY = flag('only')?.split(',');
const SIZES = (flag('sizes') ?? '1,10,100').split(',').map(Number);
const OUT = resolve(flag('out') ?? join(BENCH_DIR, 'results', SCALE ? 'scale.json' : 'latest.json'));

type Target = 'ours' | 'ours_nocache' | 'floor' | 'peer';
type Cell = Measure | { na: string };
interface Row {
  id: string;
  title: string;
  reasoning: boolean;
  ours: Cell;
  ours_nocache: Cell;
  floor: Cell;
  peer: Cell;
  ours_vs_floor_p50: number | null;
  ours_vs_peer_rps: number | null;
  ours_nocache_vs_floor_p50: number | null;
  ours_nocache_vs_peer_rps: number | null;
}

interface Rig {
  ours: Service;
  nocache: Service;
  floor: Listening;
  peer: Listening;
  db: Db;
  close(): Promise<void>;
}

/** A Database over a driver of its own, so each server has its own connection pool, as separate processes would. */
function database(config: Config, uri: string, cache: boolean): Database {
  const driver = createDriver(config, uri);
  const db = new Db(driver, { database: config.neo4jDatabase, timeoutMs: config.queryTimeoutMs, cache: cache ? {} : false });
  return { db, driver, uri, close: () => driver.close() };
}

async function rig(config: Config, uri: string, list: Scenario[]): Promise<Rig> {
  const quiet = () => {};
  const ours = await startService(config, { database: database(config, uri, true), log: quiet });
  const nocache = await startService(config, { database: database(config, uri, false), log: quiet });
  // The floor answers through the use cases over a Db of its own with the read cache off: the engine, not the cache.
  const floorDatabase = database(config, uri, false);
  const floor = await startFloor(list, floorDatabase.db);
  const peerDriver = createDriver(config, uri);
  const peer = await startPeer(peerDriver);
  const admin = database(config, uri, false);
  return {
    ours,
    nocache,
    floor,
    peer,
    db: admin.db,
    async close() {
      await Promise.all([ours.close(), nocache.close(), floor.close(), peer.close()]);
      await Promise.all([ours.database.close(), nocache.database.close(), floorDatabase.close(), peerDriver.close(), admin.close()]);
    },
  };
}

function targetOf(r: Rig, s: Scenario, t: Target): { url: string; body: string } | { na: string } {
  switch (t) {
    case 'ours':
    case 'ours_nocache':
      if (!s.ours) return { na: s.oursMissing ?? 'not offered' };
      return { url: (t === 'ours' ? r.ours : r.nocache).url, body: JSON.stringify(s.ours) };
    case 'floor':
      return { url: `${r.floor.url}/${s.id}`, body: '{}' };
    case 'peer':
      if (!s.peer) return { na: '@neo4j/graphql cannot express it' };
      return { url: r.peer.url, body: JSON.stringify(s.peer) };
  }
}

async function runScenario(r: Rig, s: Scenario, targets: Target[]): Promise<Row> {
  const cells = {} as Record<Target, Cell>;
  const ready: Array<[Target, { url: string; body: string }]> = [];
  const failed = (t: Target, err: unknown) => {
    cells[t] = { na: `failed: ${(err as Error).message.split('\n')[0].slice(0, 200)}` };
    log(`  ${s.id.padEnd(13)} ${t.padEnd(13)} ${(cells[t] as { na: string }).na}`);
  };
  // Every target is checked and warmed before any is measured: the four servers share this process, so code they
  // share (the driver, packstream, the use cases) would otherwise be warmer for whichever is measured later.
  for (const t of ['ours', 'ours_nocache', 'floor', 'peer'] as Target[]) {
    const target = targetOf(r, s, t);
    if ('na' in target) {
      cells[t] = target;
      continue;
    }
    if (!targets.includes(t)) {
      cells[t] = { na: 'not measured in this mode' };
      continue;
    }
    try {
      await check(target.url, target.body);
      if (WARMUP_S > 0) await measure(target.url, target.body, { ...LOAD, durationS: WARMUP_S });
      ready.push([t, target]);
    } catch (err) {
      failed(t, err);
    }
  }
  for (const [t, target] of ready) {
    try {
      const m = await measure(target.url, target.body, LOAD);
      // autocannon reports 0 rps and p50 0 when nothing completed in time: that is a failure to answer, not speed.
      cells[t] = m.requests > 0 ? m : { na: `no request completed within ${LOAD.durationS}s` };
      if (m.requests === 0) log(`  ${s.id.padEnd(13)} ${t.padEnd(13)} no request completed within ${LOAD.durationS}s`);
      else
        log(
          `  ${s.id.padEnd(13)} ${t.padEnd(13)} ${m.rps.toFixed(1).padStart(8)} rps  p50 ${m.p50} ms  p99 ${m.p99} ms${m.errors || m.non2xx ? `  (${m.errors} errors, ${m.non2xx} non-2xx)` : ''}`,
        );
    } catch (err) {
      failed(t, err);
    }
  }
  const m = (c: Cell) => ('na' in c ? null : c);
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100);
  return {
    id: s.id,
    title: s.title,
    reasoning: s.reasoning,
    ...cells,
    ours_vs_floor_p50: ratio(m(cells.ours)?.p50, m(cells.floor)?.p50),
    ours_vs_peer_rps: ratio(m(cells.ours)?.rps, m(cells.peer)?.rps),
    ours_nocache_vs_floor_p50: ratio(m(cells.ours_nocache)?.p50, m(cells.floor)?.p50),
    ours_nocache_vs_peer_rps: ratio(m(cells.ours_nocache)?.rps, m(cells.peer)?.rps),
  };
}

const fmt = (c: Cell) => ('na' in c ? 'n/a' : `${c.rps.toFixed(0)} rps ${c.p50}/${c.p99} ms`);
const fr = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(2)}x`);

function table(rows: Row[]): string {
  const head = ['scenario', 'ours (cache)', 'ours (no cache)', 'floor', 'peer', 'ours/floor p50', 'ours/peer rps', 'no-cache/floor p50', 'no-cache/peer rps'];
  const lines = rows.map((r) => [
    r.title,
    fmt(r.ours),
    fmt(r.ours_nocache),
    fmt(r.floor),
    fmt(r.peer),
    fr(r.ours_vs_floor_p50),
    fr(r.ours_vs_peer_rps),
    fr(r.ours_nocache_vs_floor_p50),
    fr(r.ours_nocache_vs_peer_rps),
  ]);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

/** The graph through the service's own loader (src/seed/load.ts: staged in batches, flipped at the end), as `ipkg seed --scale` does. */
async function seed(db: Db, graph: SeedGraph): Promise<{ loader: string; seconds: number; nodes: number; nodesPerS: number }> {
  const started = Date.now();
  await loadSeed(db, graph, { progress: (l) => (/staged (nodes|relationships) (\d+)\/\2$|final/.test(l) ? log(`  ${l}`) : undefined) });
  const seconds = (Date.now() - started) / 1000;
  return {
    loader: 'loadSeed (staged batches, one final transaction)',
    seconds,
    nodes: graph.nodes.length,
    nodesPerS: Math.round(graph.nodes.length / seconds),
  };
}

async function main(): Promise<void> {
  // The mixed workload (bench/mixed.ts) brings its own service and Neo4j.
  if (flag('mixed') !== undefined) return runMixed();
  const { graph: curated, errors } = compileSeed();
  if (errors.length) throw new Error(`seed files are invalid:\n${formatErrors(errors)}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ipkg-bench-neo4j-'));
  const base = loadConfig();
  const heapMb = process.env.NEO4J_LOCAL_HEAP_MB ? base.localHeapMb : 1024;
  const pageCacheMb = process.env.NEO4J_LOCAL_PAGECACHE_MB ? base.localPageCacheMb : 512;
  log(`bench: starting a throw-away Neo4j ${neo4jVersion()} (heap ${heapMb} MB, page cache ${pageCacheMb} MB) in ${dataDir}`);
  const local = await startLocalNeo4j({ dataDir, port: await freePort(), heapMb, pageCacheMb, log });
  // Tailor at 100x reads every technique profile in one query: give it time rather than measure timeouts.
  const config: Config = { ...base, neo4jUri: local.uri, port: 0, host: '127.0.0.1', production: true, queryTimeoutMs: 60_000 };
  let r: Rig | undefined;
  try {
    const admin = database(config, local.uri, false);
    await applySchema(admin.db);
    const seeded = await seed(admin.db, curated);
    log(`bench: seeded ${seeded.nodes} nodes in ${seeded.seconds.toFixed(1)}s (${seeded.nodesPerS} nodes/s)`);
    await admin.close();
    const list = scenarios().filter((s) => !ONLY || ONLY.includes(s.id));
    r = await rig(config, local.uri, list);
    const machine = {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      neo4j: neo4jVersion(),
      heapMb,
      pageCacheMb,
    };
    const settings = {
      ...LOAD,
      warmupS: WARMUP_S,
      floor: "node:http handler on loopback calling the resolvers' use cases (src/questions/*, same DataLoaders) over a Db with the read cache off; no GraphQL",
    };

    if (!SCALE) {
      log(`bench: ${list.length} scenarios, ${LOAD.durationS}s per measurement, ${LOAD.connections} connections`);
      const rows: Row[] = [];
      for (const s of list) rows.push(await runScenario(r, s, ['ours', 'ours_nocache', 'floor', 'peer']));
      const out = { date: new Date().toISOString(), machine, settings, seed: seeded, scenarios: rows, cache: r.ours.database.db.cache?.stats };
      mkdirSync(dirname(OUT), { recursive: true });
      writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
      console.log(`\n${table(rows)}\n\ncells: requests/s, p50/p99 latency (ms). Written to ${OUT}`);
      return;
    }

    // Scale mode: the same scenarios at each size; the graph only grows between sizes.
    const sizes: Array<{ factor: number; nodes: number; edges: number; load: unknown; rows: Row[] }> = [];
    for (const factor of SIZES) {
      let load: unknown = seeded;
      const graph = factor === 1 ? curated : syntheticGraph(curated, factor);
      if (factor > 1) {
        log(`bench: growing the graph to ${factor}x: ${graph.nodes.length} nodes, ${graph.edges.length} relationships...`);
        load = await seed(r.db, graph);
        log(
          `bench: loaded in ${(load as { seconds: number }).seconds.toFixed(1)}s (${(load as { nodesPerS: number }).nodesPerS} nodes/s, ${(load as { loader: string }).loader})`,
        );
      }
      log(`bench: ${factor}x, ${LOAD.durationS}s per measurement`);
      const rows: Row[] = [];
      for (const s of list) rows.push(await runScenario(r, s, ['ours', 'ours_nocache', 'floor']));
      sizes.push({ factor, nodes: graph.nodes.length, edges: graph.edges.length, load, rows });
      // Written after every size: the 100x pass is long, and what the smaller sizes measured should survive it.
      mkdirSync(dirname(OUT), { recursive: true });
      writeFileSync(OUT, `${JSON.stringify({ date: new Date().toISOString(), machine, settings, sizes, partial: true }, null, 2)}\n`);
    }
    const growth = list.map((s) => {
      const p50 = (t: 'ours' | 'ours_nocache' | 'floor') =>
        Object.fromEntries(
          sizes.map((z) => {
            const c = z.rows.find((x) => x.id === s.id)![t];
            return [`${z.factor}x`, 'na' in c ? null : c.p50];
          }),
        );
      const first = sizes[0];
      const last = sizes.at(-1)!;
      const g = (t: 'ours' | 'ours_nocache' | 'floor') => {
        const a = first.rows.find((x) => x.id === s.id)![t];
        const b = last.rows.find((x) => x.id === s.id)![t];
        return 'na' in a || 'na' in b || a.p50 === 0 ? null : Math.round((b.p50 / a.p50) * 100) / 100;
      };
      return {
        id: s.id,
        title: s.title,
        reasoning: s.reasoning,
        p50: { ours: p50('ours'), ours_nocache: p50('ours_nocache'), floor: p50('floor') },
        growth: { ours: g('ours'), ours_nocache: g('ours_nocache'), floor: g('floor') },
      };
    });
    const out = { date: new Date().toISOString(), machine, settings, sizes, growth };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
    const head = [
      'scenario',
      ...sizes.flatMap((z) => [`ours ${z.factor}x`, `no-cache ${z.factor}x`, `floor ${z.factor}x`]),
      'growth ours',
      'growth no-cache',
      'growth floor',
    ];
    const cell = (v: number | null) => (v === null ? 'n/a' : String(v));
    const lines = growth.map((g) => [
      g.title,
      ...sizes.flatMap((z) => [cell(g.p50.ours[`${z.factor}x`]), cell(g.p50.ours_nocache[`${z.factor}x`]), cell(g.p50.floor[`${z.factor}x`])]),
      fr(g.growth.ours),
      fr(g.growth.ours_nocache),
      fr(g.growth.floor),
    ]);
    console.log(`\np50 (ms) per size\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}`);
    console.log(
      `\nseed load per size:\n${sizes.map((z) => `  ${z.factor}x: ${z.nodes} nodes, ${z.edges} relationships: ${JSON.stringify(z.load)}`).join('\n')}\n\nWritten to ${OUT}`,
    );
  } finally {
    await r?.close().catch(() => {});
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
