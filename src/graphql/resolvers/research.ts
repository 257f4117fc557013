import { modelOverlap, modelProfiles } from '../../questions/overlap.js';
import { pool, searchEntities } from '../../questions/search.js';
import { makePath } from '../../reasoning/graph.js';
import { suggestQuery } from '../../research/lucene.js';
import { rank, SUGGEST } from '../../research/rank.js';
import { overlapMatrix, type Dimension } from '../../research/overlap.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { EntityType, Resolvers } from '../generated.js';
import type { NeighborhoodEdgeRecord, NeighborhoodNodeRecord } from '../records.js';
import { loadNodes, pageSize, requireEntities } from '../../questions/entities.js';

/**
 * The research questions: search and suggest, model overlap, connections and neighbourhoods. Each resolver
 * validates its arguments (BAD_USER_INPUT names the field, NOT_FOUND the id), runs the Cypher file of the same
 * name (cypher/search, suggest, model-profiles, model-disagreements, connections, neighborhood*) and leaves item
 * nodes to the DataLoader, so the cost of a question does not grow with the size of its answer. search and
 * modelOverlap are use cases of their own (src/questions/search.ts, overlap.ts), which the benchmark's floor calls too.
 */

export const LIMITS = {
  searchFirst: 100,
  searchText: 200,
  suggestFirst: 20,
  suggestText: 100,
  matrixModels: 200,
  maxHops: 6,
  pathsFirst: 50,
  depth: 3,
  neighborhoodNodes: 300,
} as const;

/** An optional integer argument within [min, max]; outside it is the client's error, not silently clamped. */
function bounded(value: number | null | undefined, fallback: number, min: number, max: number, field: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(`\`${field}\` must be an integer from ${min} to ${max} (got ${n})`, field);
  return n;
}

const first = (value: number | null | undefined, fallback: number, cap: number) => pageSize(value, fallback, cap);

const LABEL_OF_TYPE: Record<EntityType, string> = {
  SOURCE: 'Source',
  MODEL: 'Model',
  TECHNIQUE: 'Technique',
  MODALITY: 'Modality',
  MECHANISM: 'Mechanism',
  CONTRAINDICATION: 'Contraindication',
  TENET: 'Tenet',
  INTEGRATION_STRATEGY: 'IntegrationStrategy',
  COMMON_FACTOR: 'CommonFactor',
  CLIENT_FACTOR: 'ClientFactor',
  THERAPEUTIC_FACTOR: 'TherapeuticFactor',
  PHASE: 'Phase',
  STAGE_OF_CHANGE: 'StageOfChange',
  PROCESS_OF_CHANGE: 'ProcessOfChange',
  DOMAIN: 'Domain',
  TARGET: 'Target',
};
const TYPE_OF_LABEL = new Map(Object.entries(LABEL_OF_TYPE).map(([type, label]) => [label, type as EntityType]));
const labelsOf = (types: readonly EntityType[] | null | undefined) => (types?.length ? types.map((t) => LABEL_OF_TYPE[t]) : null);

/** Breadth-first, one query per level, keeping the nearest nodes when the limit is reached. */
async function neighbourIds(ctx: Context, centerId: string, depth: number): Promise<{ distance: Map<string, number>; truncated: boolean }> {
  const distance = new Map([[centerId, 0]]);
  let frontier = [centerId];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0 && !truncated; level++) {
    const rows = await ctx.db.read('neighborhood-expand', { frontier, seen: [...distance.keys()] }, ctx.trips);
    const next = rows.map((r) => r.id);
    const room = LIMITS.neighborhoodNodes - distance.size;
    if (next.length > room) truncated = true;
    frontier = next.slice(0, Math.max(room, 0));
    for (const id of frontier) distance.set(id, level);
  }
  return { distance, truncated };
}

const cited = (ids: string[] | null | undefined, ctx: Context) => loadNodes(ctx, ids ?? []);

export const researchResolvers: Resolvers = {
  Query: {
    search: (_p, args, ctx) => {
      if (args.text.length > LIMITS.searchText) throw badInput(`\`text\` has at most ${LIMITS.searchText} characters`, 'text');
      return searchEntities(ctx, args.text, labelsOf(args.types), first(args.first, 20, LIMITS.searchFirst));
    },

    suggest: async (_p, args, ctx) => {
      if (args.prefix.length > LIMITS.suggestText) throw badInput(`\`prefix\` has at most ${LIMITS.suggestText} characters`, 'prefix');
      const limit = first(args.first, 8, LIMITS.suggestFirst);
      const query = suggestQuery(args.prefix);
      if (query === null || limit === 0) return [];
      const rows = await ctx.db.read('suggest', { query, labels: labelsOf(args.types), limit: pool(limit, 40, 60) }, ctx.trips);
      const candidates = rows
        .filter((r) => TYPE_OF_LABEL.has(r.label))
        .map((r) => ({ id: r.id, label: r.label, name: r.name, aliases: r.aliases ?? null, score: Number(r.score) }));
      return rank(args.prefix, candidates, limit, SUGGEST).map((h) => ({
        id: h.candidate.id,
        name: h.candidate.name,
        type: TYPE_OF_LABEL.get(h.candidate.label)!,
        matchedField: h.field,
        snippet: h.snippet,
      }));
    },

    modelOverlap: (_p, { a, b }, ctx) => modelOverlap(ctx, a, b),

    overlapMatrix: async (_p, { modelIds, dimension }, ctx) => {
      if (modelIds && modelIds.length > LIMITS.matrixModels) throw badInput(`At most ${LIMITS.matrixModels} models (got ${modelIds.length})`, 'modelIds');
      if (modelIds) await requireEntities(ctx, modelIds, 'modelIds', 'Model');
      // Rows follow id order (the query's), whatever order the ids were given in, with duplicates dropped.
      const rows = await modelProfiles(ctx, modelIds ? [...new Set(modelIds)] : null);
      const matrix = overlapMatrix(
        rows.map((r) => r.profile),
        dimension as Dimension,
      );
      return { dimension, models: rows.map((r) => r.model), ...matrix };
    },

    connections: async (_p, args, ctx) => {
      const maxHops = bounded(args.maxHops, 4, 1, LIMITS.maxHops, 'maxHops');
      const limit = first(args.first, 5, LIMITS.pathsFirst);
      await Promise.all([requireEntities(ctx, [args.fromId], 'fromId'), requireEntities(ctx, [args.toId], 'toId')]);
      if (args.fromId === args.toId) throw badInput('`fromId` and `toId` must be different entities', 'toId');
      if (limit === 0) return [];
      const rows = await ctx.db.read('connections', { fromId: args.fromId, toId: args.toId, maxHops, limit }, ctx.trips);
      return rows.map((r) => {
        const nodes = new Map(r.nodes.map((n) => [n.id, n]));
        return makePath(
          r.rels.map((s) => ({ from: nodes.get(s.fromId)!, type: s.type, to: nodes.get(s.toId)!, sources: s.sources ?? [], evidence: s.evidence })),
        );
      });
    },

    neighborhood: async (_p, args, ctx) => {
      const depth = bounded(args.depth, 1, 0, LIMITS.depth, 'depth');
      const [center] = await requireEntities(ctx, [args.id], 'id');
      const { distance, truncated } = await neighbourIds(ctx, center.id, depth);
      const rows = await ctx.db.read('neighborhood', { ids: [...distance.keys()] }, ctx.trips);
      const nodes: NeighborhoodNodeRecord[] = rows
        .map((r) => ({ node: r.node, distance: distance.get(r.node.id)! }))
        .sort((x, y) => x.distance - y.distance || (x.node.id < y.node.id ? -1 : 1));
      const edges: NeighborhoodEdgeRecord[] = rows.flatMap((r) =>
        r.edges.map((e) => ({
          id: `${e.fromId}|${e.type}|${e.toId}`,
          fromId: e.fromId,
          toId: e.toId,
          type: e.type,
          sources: e.sources ?? [],
          evidence: e.evidence,
        })),
      );
      return { center, depth, nodes, edges, truncated };
    },
  },
  DimensionOverlap: {
    shared: (d, _a, ctx) => loadNodes(ctx, d.shared),
    onlyA: (d, _a, ctx) => loadNodes(ctx, d.onlyA),
    onlyB: (d, _a, ctx) => loadNodes(ctx, d.onlyB),
  },
  TenetDisagreement: { sources: (d, _a, ctx) => cited(d.sources, ctx) },
  NeighborhoodEdge: { sources: (e, _a, ctx) => cited(e.sources, ctx) },
};
