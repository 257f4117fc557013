import { buildSchema } from 'graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import { cypher } from '../src/db/cypher.js';
import { toParams } from '../src/db/run.js';
import { typeDefs } from '../src/graphql/schema.js';
import { rankAssimilable, verdict, type AssimilationRow } from '../src/reasoning/assimilation.js';
import type { NodeMap } from '../src/reasoning/graph.js';
import { validatePlan } from '../src/reasoning/sequencing.js';
import { searchQuery } from '../src/research/lucene.js';
import { rank } from '../src/research/rank.js';
import { compareProfiles, type Profile as OverlapProfile } from '../src/research/overlap.js';
import { tailor, type Profile, type TechniqueProfile } from '../src/reasoning/tailoring.js';

/**
 * The six scenarios of issue 7, each asked three ways: our GraphQL service, the floor (the same Cypher through
 * neo4j-driver, then the same pure rules from src/reasoning, no GraphQL), and the @neo4j/graphql peer where it can
 * express the question. Every answer is cut to the same fields the GraphQL selection asks for, so no side
 * serializes more than the others.
 */

export interface GraphQLCall {
  query: string;
  variables?: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  title: string;
  /** Reasoning scenarios carry the scale target (p50 grows < 3x from 1x to 100x). */
  reasoning: boolean;
  /** Our operation; null (with a reason) when the service does not offer the question yet. */
  ours: GraphQLCall | null;
  oursMissing?: string;
  /** The floor: Cypher through the driver + the same pure rules; returns the answer to serialize. */
  floor: (q: Query) => Promise<unknown>;
  peer: GraphQLCall | null;
}

/** One read query through the driver, exactly as the service's Db runs it (managed read transaction). */
export type Query = (text: string, params?: Record<string, unknown>) => Promise<Record<string, any>[]>;

export function driverQuery(driver: Driver): Query {
  return async (text, params = {}) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ, bookmarkManager: driver.executeQueryBookmarkManager });
    try {
      return await session.executeRead(async (tx) => (await tx.run(text, toParams(params))).records.map((r) => r.toObject()));
    } finally {
      await session.close();
    }
  };
}

export const BASE_MODEL = 'psychodynamic-therapy';
export const SEARCH_TEXT = 'exposure';
export const OVERLAP = ['cognitive-behavioral-therapy', 'dialectical-behavior-therapy'] as const;
export const FULL_PROFILE = {
  stageOfChange: 'PREPARATION',
  psychologicalMindedness: 'HIGH',
  emotionalReactivity: 'HIGH',
  reactance: 'HIGH',
  relationalStyle: 'ANXIOUS',
  learningStyle: 'EXPERIENTIAL',
  copingStyle: 'INTERNALIZING',
  format: 'INDIVIDUAL',
  risks: ['RECENT_SELF_HARM'],
};
/** A ten-step trauma-focused plan, from the curated seed. */
export const PLAN_STEPS = [
  'trauma-psychoeducation',
  'safety-planning',
  'grounding',
  'calm-place-exercise',
  'window-of-tolerance-psychoeducation',
  'prolonged-exposure-imaginal',
  'imaginal-exposure-processing',
  'cpt-stuck-points',
  'relapse-prevention-planning',
  'termination-work',
];

const idName = (n: { id: string; name: string }) => ({ id: n.id, name: n.name });

/** Builds the scenarios; one the service does not offer (yet) is measured for the floor and peer, and n/a for ours. */
export function scenarios(): Scenario[] {
  const query = buildSchema(typeDefs()).getQueryType()!.getFields();
  const offered = (field: string, call: GraphQLCall): Pick<Scenario, 'ours' | 'oursMissing'> =>
    query[field] ? { ours: call } : { ours: null, oursMissing: `the service has no Query.${field} yet` };
  return [
    {
      id: 'browse',
      title: '1 nested browse: models(first:50) > techniques > mechanisms, modalities',
      reasoning: false,
      ...offered('models', {
        query: `query Browse { models(first: 50) { edges { node { id name techniques { id name mechanisms { id name } modalities { id name } } } } } }`,
      }),
      // The same four queries the service's resolvers and loaders send: the page, then one batch per level.
      floor: async (q) => {
        const page = await q(cypher('models-page'), { after: null, kind: null, orientation: null, strategy: null, evidence: null, limit: 51 });
        const models = page.slice(0, 50).map((r) => r.node as NodeMap);
        const uses = await q(cypher('links-out'), {
          ids: models.map((m) => m.id),
          types: ['USES'],
          label: 'Technique',
          fields: ['id', 'mechanisms', 'modalities', 'name'],
          withProps: false,
        });
        const techIds = [...new Set(uses.map((r) => r.node.id as string))];
        const [mech, moda] = await Promise.all([
          q(cypher('links-out'), { ids: techIds, types: ['ACTS_THROUGH'], label: null, fields: ['id', 'name'], withProps: false }),
          q(cypher('links-out'), { ids: techIds, types: ['TARGETS'], label: null, fields: ['id', 'name'], withProps: false }),
        ]);
        const group = (rows: Record<string, any>[]) => {
          const m = new Map<string, Array<{ id: string; name: string }>>();
          for (const r of rows) m.set(r.id, [...(m.get(r.id) ?? []), idName(r.node)]);
          return m;
        };
        const [u, me, mo] = [group(uses), group(mech), group(moda)];
        return {
          models: models.map((m) => ({
            id: m.id,
            name: m.name,
            techniques: (u.get(m.id) ?? []).map((t) => ({ ...t, mechanisms: me.get(t.id) ?? [], modalities: mo.get(t.id) ?? [] })),
          })),
        };
      },
      peer: {
        query: `query Browse { models(limit: 50, sort: [{ id: ASC }]) { id name techniques { id name mechanisms { id name } modalities { id name } } } }`,
      },
    },
    {
      id: 'assimilable',
      title: `2 assimilableTechniques(${BASE_MODEL})`,
      reasoning: true,
      ours: {
        query: `query Assimilable($b: ID!) { assimilableTechniques(baseModelId: $b, first: 20) { technique { id name } compatible reframing explanation } }`,
        variables: { b: BASE_MODEL },
      },
      floor: async (q) => {
        const rows = await q(cypher('assimilation'), { baseModelId: BASE_MODEL, techniqueIds: null, includeNative: false, onlyCompatible: true });
        return rankAssimilable(rows.map((r) => verdict(r as unknown as AssimilationRow)))
          .slice(0, 20)
          .map((v) => ({ technique: idName(v.technique), compatible: v.compatible, reframing: v.reframing, explanation: v.explanation }));
      },
      peer: { query: `query Assimilable($b: ID!) { assimilableTechniques(baseModelId: $b, first: 20) { id name } }`, variables: { b: BASE_MODEL } },
    },
    {
      id: 'tailor',
      title: '3 tailor(full profile)',
      reasoning: true,
      ours: {
        query: `query Tailor($p: ClientProfileInput!) { tailor(profile: $p, first: 20) { recommendations { technique { id name } score explanation reasons { factor weight message } } excluded { technique { id } explanation } } }`,
        variables: { p: FULL_PROFILE },
      },
      floor: async (q) => {
        const [profiles, factors] = await Promise.all([q(cypher('technique-profiles'), { ids: null }), q(cypher('list-by-label'), { label: 'ClientFactor' })]);
        const cf = new Map(factors.map((r) => [r.node.id as string, r.node as NodeMap]));
        const r = tailor(profiles as unknown as TechniqueProfile[], FULL_PROFILE as Profile, cf);
        return {
          recommendations: r.recommendations.slice(0, 20).map((x) => ({
            technique: idName(x.technique),
            score: x.score,
            explanation: x.explanation,
            reasons: x.reasons.map((y) => ({ factor: y.factor, weight: y.weight, message: y.message })),
          })),
          excluded: r.excluded.map((x) => ({ technique: { id: x.technique.id }, explanation: x.explanation })),
        };
      },
      peer: null,
    },
    {
      id: 'validatePlan',
      title: '4 validatePlan(10 steps, full profile)',
      reasoning: true,
      ours: {
        query: `query Validate($s: [ID!]!, $p: ClientProfileInput) { validatePlan(steps: $s, profile: $p) { valid explanation violations { kind stepIndex message technique { id } } warnings { kind stepIndex message } } }`,
        variables: { s: PLAN_STEPS, p: FULL_PROFILE },
      },
      floor: async (q) => {
        const profiles = (await q(cypher('technique-profiles'), { ids: [...new Set(PLAN_STEPS)] })) as unknown as TechniqueProfile[];
        const byId = new Map(profiles.map((p) => [p.technique.id, p]));
        const v = validatePlan(
          PLAN_STEPS.map((id) => byId.get(id)!),
          FULL_PROFILE as Profile,
        );
        return {
          valid: v.valid,
          explanation: v.explanation,
          violations: v.violations.map((x) => ({ kind: x.kind, stepIndex: x.stepIndex, message: x.message, technique: { id: x.technique.id } })),
          warnings: v.warnings.map((x) => ({ kind: x.kind, stepIndex: x.stepIndex, message: x.message })),
        };
      },
      peer: null,
    },
    {
      id: 'search',
      title: `5 search("${SEARCH_TEXT}")`,
      reasoning: false,
      ...offered('search', { query: `query Search($t: String!) { search(text: $t, first: 20) { score node { id name } } }`, variables: { t: SEARCH_TEXT } }),
      // cypher/search with the same Lucene query and candidate pool the resolver uses, then the same ranking.
      floor: async (q) => {
        const rows = await q(cypher('search'), { query: searchQuery(SEARCH_TEXT), labels: null, limit: 40 });
        const candidates = rows.map((r) => ({ ...r.node, label: r.node.__label, score: r.score }));
        return rank(SEARCH_TEXT, candidates, 20).map((h) => ({ score: h.score, node: idName(h.candidate) }));
      },
      peer: { query: `query Search($t: String!) { searchEntities(text: $t, first: 20) { id name } }`, variables: { t: `${SEARCH_TEXT} ${SEARCH_TEXT}*` } },
    },
    {
      id: 'modelOverlap',
      title: `6 modelOverlap(${OVERLAP.join(', ')})`,
      reasoning: true,
      ...offered('modelOverlap', {
        query: `query Overlap($a: ID!, $b: ID!) { modelOverlap(a: $a, b: $b) { a { id name } b { id name } jaccard dimensions { dimension jaccard shared { id name } onlyA { id name } onlyB { id name } } disagreements { tenetOfA { id name } tenetOfB { id name } reason } } }`,
        variables: { a: OVERLAP[0], b: OVERLAP[1] },
      }),
      // The resolver's queries: both models' profiles and their disagreements, then one batch for the items' names.
      floor: async (q) => {
        const [a, b] = OVERLAP;
        const [rows, disagree] = await Promise.all([q(cypher('model-profiles'), { ids: [a, b] }), q(cypher('model-disagreements'), { a, b })]);
        const profile = (r: Record<string, any>): OverlapProfile => ({
          TECHNIQUES: r.techniques ?? [],
          MECHANISMS: r.mechanisms ?? [],
          MODALITIES: r.modalities ?? [],
          TENETS: r.tenets ?? [],
          COMMON_FACTORS: r.commonFactors ?? [],
        });
        const byId = new Map(rows.map((r) => [r.model.id as string, r]));
        const o = compareProfiles(profile(byId.get(a)!), profile(byId.get(b)!));
        const ids = [...new Set(o.dimensions.flatMap((d) => [...d.shared, ...d.onlyA, ...d.onlyB]))];
        const names = new Map((await q(cypher('nodes-by-id'), { ids })).map((r) => [r.id as string, r.node ? idName(r.node) : null]));
        const items = (list: string[]) => list.map((id) => names.get(id)).filter(Boolean);
        return {
          a: idName(byId.get(a)!.model),
          b: idName(byId.get(b)!.model),
          jaccard: o.jaccard,
          dimensions: o.dimensions.map((d) => ({
            dimension: d.dimension,
            jaccard: d.jaccard,
            shared: items(d.shared),
            onlyA: items(d.onlyA),
            onlyB: items(d.onlyB),
          })),
          disagreements: disagree.map((r) => ({ tenetOfA: idName(r.tenetOfA), tenetOfB: idName(r.tenetOfB), reason: r.contradiction?.reason ?? null })),
        };
      },
      peer: null,
    },
  ];
}
