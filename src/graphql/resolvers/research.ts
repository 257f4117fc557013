import { makePath, type Step } from '../../reasoning/graph.js';
import { searchQuery, suggestQuery } from '../../research/lucene.js';
import { onlyStopWords, rank, SEARCH, SUGGEST, type Candidate } from '../../research/rank.js';
import { compareProfiles, overlapMatrix, type Dimension, type Profile } from '../../research/overlap.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { EntityType, EvidenceLevel, Resolvers } from '../generated.js';
import type { EntityRecord, NeighborhoodEdgeRecord, NeighborhoodNodeRecord, TenetDisagreementRecord } from '../records.js';
import { loadNodes, pageSize, requireEntities } from './shared.js';

/**
 * The research questions: search and suggest, model overlap, connections and neighbourhoods. Each resolver
 * validates its arguments (BAD_USER_INPUT names the field, NOT_FOUND the id), runs the Cypher file of the same
 * name (cypher/search, suggest, model-profiles, model-disagreements, connections, neighborhood*) and leaves item
 * nodes to the DataLoader, so the cost of a question does not grow with the size of its answer.
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

/**
 * How many candidates the index hands to the ranking for `first` hits: enough that an exact name is among them
 * even when many descriptions share its words (on the seed, the entity of every name and alias but two is among
 * the index's first 30), few enough to stay one small query.
 */
const pool = (first: number, min: number, max: number) => Math.min(Math.max(2 * first, min), max);

function candidate(node: EntityRecord, score: unknown): Candidate & { node: EntityRecord } {
  const aliases = Array.isArray(node.aliases) ? (node.aliases as string[]) : null;
  const description = typeof node.description === 'string' ? node.description : null;
  return { id: node.id, label: node.__label, name: node.name, aliases, description, score: Number(score), node };
}

interface ProfileRow {
  model: EntityRecord;
  profile: Profile;
}

async function profiles(ctx: Context, ids: string[] | null): Promise<ProfileRow[]> {
  const rows = await ctx.db.read('model-profiles', { ids }, ctx.trips);
  const list = (v: unknown) => (v as string[] | null) ?? [];
  return rows.map((r) => ({
    model: r.model as EntityRecord,
    profile: {
      TECHNIQUES: list(r.techniques),
      MECHANISMS: list(r.mechanisms),
      MODALITIES: list(r.modalities),
      TENETS: list(r.tenets),
      COMMON_FACTORS: list(r.commonFactors),
    },
  }));
}

interface Cited {
  sources: string[] | null;
  evidence: EvidenceLevel;
}

async function disagreements(ctx: Context, a: string, b: string): Promise<TenetDisagreementRecord[]> {
  const rows = await ctx.db.read('model-disagreements', { a, b }, ctx.trips);
  return rows.map((r) => {
    const [modelA, modelB, tenetOfA, tenetOfB] = [r.a, r.b, r.tenetOfA, r.tenetOfB] as EntityRecord[];
    const holdsA = r.holdsA as Cited;
    const holdsB = r.holdsB as Cited;
    const c = r.contradiction as Cited & { reason: string | null };
    const [from, to] = r.fromA ? [tenetOfA, tenetOfB] : [tenetOfB, tenetOfA];
    const steps: Step[] = [
      { from: modelA, type: 'HOLDS', to: tenetOfA, sources: holdsA.sources ?? [], evidence: holdsA.evidence },
      { from, type: 'CONTRADICTS', to, sources: c.sources ?? [], evidence: c.evidence },
      { from: modelB, type: 'HOLDS', to: tenetOfB, sources: holdsB.sources ?? [], evidence: holdsB.evidence },
    ];
    return { tenetOfA, tenetOfB, reason: c.reason ?? null, sources: c.sources ?? [], evidence: c.evidence, path: makePath(steps) };
  });
}

/** Breadth-first, one query per level, keeping the nearest nodes when the limit is reached. */
async function neighbourIds(ctx: Context, centerId: string, depth: number): Promise<{ distance: Map<string, number>; truncated: boolean }> {
  const distance = new Map([[centerId, 0]]);
  let frontier = [centerId];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0 && !truncated; level++) {
    const rows = await ctx.db.read('neighborhood-expand', { frontier, seen: [...distance.keys()] }, ctx.trips);
    const next = rows.map((r) => r.id as string);
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
    search: async (_p, args, ctx) => {
      if (args.text.length > LIMITS.searchText) throw badInput(`\`text\` has at most ${LIMITS.searchText} characters`, 'text');
      const limit = first(args.first, 20, LIMITS.searchFirst);
      const query = searchQuery(args.text);
      if (query === null || limit === 0) return [];
      const min = onlyStopWords(args.text) ? 100 : 40;
      const rows = await ctx.db.read('search', { query, labels: labelsOf(args.types), limit: pool(limit, min, 200) }, ctx.trips);
      const hits = rank(
        args.text,
        rows.map((r) => candidate(r.node as EntityRecord, r.score)),
        limit,
        SEARCH,
      );
      return hits.map((h) => ({ node: h.candidate.node, score: h.score, matchedField: h.field, snippet: h.snippet }));
    },

    suggest: async (_p, args, ctx) => {
      if (args.prefix.length > LIMITS.suggestText) throw badInput(`\`prefix\` has at most ${LIMITS.suggestText} characters`, 'prefix');
      const limit = first(args.first, 8, LIMITS.suggestFirst);
      const query = suggestQuery(args.prefix);
      if (query === null || limit === 0) return [];
      const rows = await ctx.db.read('suggest', { query, labels: labelsOf(args.types), limit: pool(limit, 40, 60) }, ctx.trips);
      const candidates = rows
        .filter((r) => TYPE_OF_LABEL.has(r.label as string))
        .map((r) => ({
          id: r.id as string,
          label: r.label as string,
          name: r.name as string,
          aliases: (r.aliases as string[] | null) ?? null,
          score: Number(r.score),
        }));
      return rank(args.prefix, candidates, limit, SUGGEST).map((h) => ({
        id: h.candidate.id,
        name: h.candidate.name,
        type: TYPE_OF_LABEL.get(h.candidate.label)!,
        matchedField: h.field,
        snippet: h.snippet,
      }));
    },

    modelOverlap: async (_p, { a, b }, ctx) => {
      const [modelA, modelB] = await Promise.all([requireEntities(ctx, [a], 'a', 'Model'), requireEntities(ctx, [b], 'b', 'Model')]);
      const [rows, disagree] = await Promise.all([profiles(ctx, [...new Set([a, b])]), disagreements(ctx, a, b)]);
      const byId = new Map(rows.map((r) => [r.model.id, r.profile]));
      const overlap = compareProfiles(byId.get(a)!, byId.get(b)!);
      return { a: modelA[0], b: modelB[0], dimensions: overlap.dimensions, jaccard: overlap.jaccard, disagreements: disagree };
    },

    overlapMatrix: async (_p, { modelIds, dimension }, ctx) => {
      if (modelIds && modelIds.length > LIMITS.matrixModels) throw badInput(`At most ${LIMITS.matrixModels} models (got ${modelIds.length})`, 'modelIds');
      if (modelIds) await requireEntities(ctx, modelIds, 'modelIds', 'Model');
      // Rows follow id order (the query's), whatever order the ids were given in, with duplicates dropped.
      const rows = await profiles(ctx, modelIds ? [...new Set(modelIds)] : null);
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
        const nodes = new Map((r.nodes as EntityRecord[]).map((n) => [n.id, n]));
        const rels = r.rels as Array<Cited & { fromId: string; type: string; toId: string }>;
        return makePath(
          rels.map((s) => ({ from: nodes.get(s.fromId)!, type: s.type, to: nodes.get(s.toId)!, sources: s.sources ?? [], evidence: s.evidence })),
        );
      });
    },

    neighborhood: async (_p, args, ctx) => {
      const depth = bounded(args.depth, 1, 0, LIMITS.depth, 'depth');
      const [center] = await requireEntities(ctx, [args.id], 'id');
      const { distance, truncated } = await neighbourIds(ctx, center.id, depth);
      const rows = await ctx.db.read('neighborhood', { ids: [...distance.keys()] }, ctx.trips);
      const nodes: NeighborhoodNodeRecord[] = rows
        .map((r) => ({ node: r.node as EntityRecord, distance: distance.get((r.node as EntityRecord).id)! }))
        .sort((x, y) => x.distance - y.distance || (x.node.id < y.node.id ? -1 : 1));
      const edges: NeighborhoodEdgeRecord[] = rows.flatMap((r) =>
        (r.edges as Array<Cited & { fromId: string; type: string; toId: string }>).map((e) => ({
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
