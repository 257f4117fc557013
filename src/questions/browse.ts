import type { Context } from '../graphql/context.js';
import { badInput } from '../graphql/errors.js';
import type { ModelFilter, TechniqueFilter } from '../graphql/generated.js';
import type { LinkKey, LinkSpec } from '../graphql/loaders.js';
import type { ConnectionRecord, EntityRecord } from '../graphql/records.js';
import { pageSize } from './entities.js';

/**
 * Browsing: pages of models and techniques (keyset paging on id, cypher/models-page and techniques-page) and the
 * neighbours of an entity over one relationship type, through the request's DataLoader, so a nesting level costs
 * one `links-*` query however many parents ask.
 */

const decodeCursor = (after: string | null | undefined): string | null => {
  if (after === null || after === undefined) return null;
  const id = Buffer.from(after, 'base64url').toString('utf8');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw badInput('`after` is not a cursor returned by this API', 'after');
  return id;
};
const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

type Page = { after: string | null; limit: number };

/** Keyset paging: fetch one row more than asked to learn whether a next page exists. */
async function page(
  first: number | null | undefined,
  after: string | null | undefined,
  read: (page: Page) => Promise<Array<{ node: EntityRecord }>>,
  count: () => Promise<Array<{ total: number }>>,
): Promise<ConnectionRecord> {
  const size = pageSize(first);
  const rows = await read({ after: decodeCursor(after), limit: size + 1 });
  const nodes = rows.slice(0, size).map((r) => r.node);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => (total ??= count().then((r) => Number(r[0]?.total ?? 0))),
  };
}

/** Query.models: a page of models after a cursor, filtered; the total only when asked for. */
export function modelsPage(ctx: Context, first: number | null | undefined, after: string | null | undefined, filter: ModelFilter | null | undefined) {
  const where = {
    kind: filter?.kind ?? null,
    orientation: filter?.orientation ?? null,
    strategy: filter?.strategy ?? null,
    evidence: filter?.evidence ?? null,
  };
  return page(
    first,
    after,
    (p) => ctx.db.read('models-page', { ...where, ...p }, ctx.trips),
    () => ctx.db.read('models-count', where, ctx.trips),
  );
}

/** Query.techniques: a page of techniques after a cursor, filtered; the total only when asked for. */
export function techniquesPage(ctx: Context, first: number | null | undefined, after: string | null | undefined, filter: TechniqueFilter | null | undefined) {
  const where = {
    model: filter?.model ?? null,
    modality: filter?.modality ?? null,
    mechanism: filter?.mechanism ?? null,
    phase: filter?.phase ?? null,
    evidence: filter?.evidence ?? null,
    format: filter?.format ?? null,
  };
  return page(
    first,
    after,
    (p) => ctx.db.read('techniques-page', { ...where, ...p }, ctx.trips),
    () => ctx.db.read('techniques-count', where, ctx.trips),
  );
}

/**
 * The neighbours of entity `id` over one relationship type (of `label` when given), projected to `fields` (the
 * properties the caller will read; undefined for whole nodes), without the relationships' own properties. With
 * `below` (the relationship fields the caller will then ask of each neighbour), those are read in the same query
 * and later `neighbours` calls for them find their answers in the request's loader.
 */
export async function neighbours(
  ctx: Context,
  id: string,
  direction: LinkKey['direction'],
  type: string,
  label: string | undefined,
  fields: string[] | undefined,
  below?: readonly LinkSpec[],
): Promise<EntityRecord[]> {
  return (await ctx.loaders.links.load({ id, direction, types: [type], label, fields, withProps: false, below })).map((l) => l.node);
}
