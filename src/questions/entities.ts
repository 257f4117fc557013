/** What every question needs: page sizes, and entities by id through the request's DataLoader (NOT_FOUND when one is missing). */
import type { Context } from '../graphql/context.js';
import { badInput, notFound } from '../graphql/errors.js';
import type { EntityRecord } from '../graphql/records.js';

/** Lists are capped here unless a field says otherwise. */
export const MAX_PAGE = 100;

/** `first` for lists: negative is the client's error; above the cap is capped. */
export function pageSize(first: number | null | undefined, fallback = 20, cap = MAX_PAGE, field = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw badInput(`\`${field}\` must be a non-negative integer`, field);
  return Math.min(n, cap);
}

/** Entities by id through the per-request DataLoader (one batched query); unknown ids are left out. */
export async function loadNodes(ctx: Context, ids: unknown): Promise<EntityRecord[]> {
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const found = await ctx.loaders.nodes.loadMany([...new Set(ids as string[])]);
  return found.filter((n): n is EntityRecord => n !== null && !(n instanceof Error));
}

/**
 * Entities by id, in order; fails with NOT_FOUND naming the first id that is unknown or not of `label`. A failed
 * lookup (Neo4j unreachable) is rethrown as itself, never reported as NOT_FOUND.
 */
export async function requireEntities(ctx: Context, ids: readonly string[], field: string, label?: string): Promise<EntityRecord[]> {
  const found = await ctx.loaders.nodes.loadMany([...ids]);
  for (const n of found) if (n instanceof Error) throw n;
  return found.map((n, i) => {
    if (!n || n instanceof Error || (label && n.__label !== label)) throw notFound(label ?? 'entity', ids[i], field);
    return n;
  });
}
