import { parseTokens, type TokenEntry } from './auth/tokens.js';

/** Limits on what one GraphQL request may ask for (src/graphql/limits.ts), checked before any database work. */
export interface QueryLimits {
  /** Bytes of GraphQL document text (IPKG_MAX_DOCUMENT_BYTES). */
  maxDocumentBytes: number;
  /** Lexical tokens the parser reads before giving up (IPKG_MAX_TOKENS). */
  maxTokens: number;
  /** Nesting depth of selections, fragments expanded (IPKG_MAX_DEPTH). */
  maxDepth: number;
  /** Aliased fields in one document (IPKG_MAX_ALIASES). */
  maxAliases: number;
  /** Estimated fields resolved, list sizes multiplied through nesting (IPKG_MAX_COST). */
  maxCost: number;
  /** Assumed size of a list field without a `first` argument, for the cost estimate (IPKG_LIST_COST). */
  listCost: number;
}

/** Every setting the service reads from the environment, in one place (docs/errors-and-config.md). */
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
  /** Bearer tokens (digests only) from IPKG_TOKENS. */
  tokens: TokenEntry[];
  limits: QueryLimits;
  /** The read cache keyed on the data version (IPKG_READ_CACHE; src/db/run.ts). */
  readCache: boolean;
  /** Technique profiles from the in-memory store refreshed after writes, not the row cache (IPKG_PROFILE_STORE; src/questions/profiles.ts). */
  profileStore: boolean;
}

function intOf(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function boolOf(name: string, fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** Defaults let every documented and tested query through; see docs/errors-and-config.md for the arithmetic. */
export const DEFAULT_LIMITS: QueryLimits = { maxDocumentBytes: 32_768, maxTokens: 5_000, maxDepth: 15, maxAliases: 30, maxCost: 100_000, listCost: 10 };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const int = (name: string, fallback: number) => intOf(name, fallback, env);
  const bool = (name: string, fallback: boolean) => boolOf(name, fallback, env);
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
    // Safe by default: stack traces, internal messages and the trace header only when development is asked for.
    production: env.NODE_ENV !== 'development',
    introspection: bool('IPKG_INTROSPECTION', true),
    tokens: parseTokens(env.IPKG_TOKENS),
    limits: {
      maxDocumentBytes: int('IPKG_MAX_DOCUMENT_BYTES', DEFAULT_LIMITS.maxDocumentBytes),
      maxTokens: int('IPKG_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxDepth: int('IPKG_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: int('IPKG_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxCost: int('IPKG_MAX_COST', DEFAULT_LIMITS.maxCost),
      listCost: int('IPKG_LIST_COST', DEFAULT_LIMITS.listCost),
    },
    readCache: bool('IPKG_READ_CACHE', true),
    profileStore: bool('IPKG_PROFILE_STORE', true),
  };
}
