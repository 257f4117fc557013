/** Every setting the service reads from the environment, in one place (documented in the README). */
export interface Config {
  port: number;
  host: string;
  /** Set: use that Neo4j and start nothing. Unset: start the embedded local Neo4j. */
  neo4jUri?: string;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase?: string;
  localPort: number;
  localDataDir: string;
  localHeapMb: number;
  localPageCacheMb: number;
  /** Per-query transaction timeout. */
  queryTimeoutMs: number;
  production: boolean;
  introspection: boolean;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int('PORT', 4000),
    host: env.HOST || '127.0.0.1',
    neo4jUri: env.NEO4J_URI || undefined,
    neo4jUser: env.NEO4J_USER || 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD || '',
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
    localPort: int('NEO4J_LOCAL_PORT', 7687),
    localDataDir: env.NEO4J_LOCAL_DATA || '.data/neo4j',
    localHeapMb: int('NEO4J_LOCAL_HEAP_MB', 512),
    localPageCacheMb: int('NEO4J_LOCAL_PAGECACHE_MB', 256),
    queryTimeoutMs: int('IPKG_QUERY_TIMEOUT_MS', 10_000),
    production: env.NODE_ENV === 'production',
    introspection: bool('IPKG_INTROSPECTION', true),
  };
}
