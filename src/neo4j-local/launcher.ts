import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The Java launcher project (pom.xml + LocalNeo4j.java) that runs Neo4j Community embedded. */
export const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../neo4j');
const TARGET = join(LAUNCHER_DIR, 'target');
const STAMP = join(TARGET, 'ipkg-build.stamp');
const READY = 'IPKG_NEO4J_READY';

export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `The embedded Neo4j needs Java 17 or newer (${detail}).\n` +
        '  Install a JDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless), or\n' +
        '  run Neo4j with Docker (docker compose up), or\n' +
        '  point the service at an existing Neo4j 5: NEO4J_URI=neo4j://host:7687 NEO4J_USER=... NEO4J_PASSWORD=...',
    );
    this.name = 'JavaMissingError';
  }
}

function checkJava(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) throw new JavaMissingError('no `java` on PATH');
  const m = /version "(\d+)/.exec(r.stderr ?? '');
  const major = m ? Number(m[1]) : 0;
  if (major < 17) throw new JavaMissingError(`found Java ${major || 'of unknown version'}`);
}

function pomHash(): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(LAUNCHER_DIR, 'pom.xml')));
  h.update(readFileSync(join(LAUNCHER_DIR, 'src/main/java/ipkg/LocalNeo4j.java')));
  return h.digest('hex');
}

/** True when the jars and the compiled launcher match the current pom and source. */
export function launcherIsBuilt(): boolean {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === pomHash();
}

/**
 * Fetches Neo4j's jars from Maven Central (cached in ~/.m2) and compiles the launcher, once.
 * Uses `mvn` when installed, else the Maven Wrapper, so a JDK is all a user needs.
 */
export async function ensureLauncher(log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  checkJava();
  if (launcherIsBuilt()) return;
  const hasMvn = !spawnSync('mvn', ['-v'], { encoding: 'utf8' }).error;
  const cmd = hasMvn ? 'mvn' : join(LAUNCHER_DIR, 'mvnw');
  log(`neo4j: fetching Neo4j ${neo4jVersion()} jars from Maven Central and compiling the launcher (first run only)...`);
  const child = spawn(cmd, ['-B', 'package', '-DskipTests'], { cwd: LAUNCHER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let fetched = 0;
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (/^Downloaded from /.test(line)) {
      fetched += 1;
      if (fetched % 25 === 0) log(`neo4j: ${fetched} artifacts fetched...`);
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const code = await new Promise<number>((res, rej) => {
    child.on('error', rej);
    child.on('close', (c) => res(c ?? 1));
  });
  if (code !== 0) throw new Error(`neo4j: Maven build failed (exit ${code}):\n${tail.join('\n')}`);
  writeFileSync(STAMP, pomHash());
  log(`neo4j: launcher ready (${fetched} artifacts fetched).`);
}

export function neo4jVersion(): string {
  const m = /<neo4j\.version>([^<]+)</.exec(readFileSync(join(LAUNCHER_DIR, 'pom.xml'), 'utf8'));
  return m ? m[1] : 'unknown';
}

export interface LocalNeo4jOptions {
  dataDir: string;
  port: number;
  heapMb: number;
  pageCacheMb: number;
  /** Seconds to wait for the ready line. */
  startTimeoutS?: number;
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<number | null>;
}

/** Starts the embedded Neo4j and resolves once its Bolt port accepts connections. */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  await ensureLauncher(opts.log);
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const classpath = [join(TARGET, 'classes'), join(TARGET, 'lib', '*')].join(':');
  const child: ChildProcess = spawn(
    'java',
    [`-Xmx${opts.heapMb}m`, `-Xms${Math.min(opts.heapMb, 256)}m`, '-XX:+UseSerialGC', '-cp', classpath, 'ipkg.LocalNeo4j'],
    {
      // stdin stays open as a lifeline: the launcher stops when it closes.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NEO4J_LOCAL_DATA: dataDir,
        NEO4J_LOCAL_PORT: String(opts.port),
        NEO4J_LOCAL_PAGECACHE_MB: String(opts.pageCacheMb),
      },
    },
  );
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const errTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => {
    errTail.push(l);
    if (errTail.length > 30) errTail.shift();
  });
  const uri = await new Promise<string>((res, rej) => {
    const timer = setTimeout(
      () => {
        child.kill('SIGKILL');
        rej(new Error(`neo4j: no ready line within ${opts.startTimeoutS ?? 300}s\n${errTail.join('\n')}`));
      },
      (opts.startTimeoutS ?? 300) * 1000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(READY)) {
        clearTimeout(timer);
        res(line.split(' ')[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`neo4j: launcher exited with code ${code} before it was ready\n${errTail.join('\n')}`));
    });
  });
  // Our own exit must not leave a Java process behind; stdin closing already covers SIGKILL of node.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  return {
    uri,
    pid: child.pid!,
    exited,
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
