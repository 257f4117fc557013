import { buildSchema } from 'graphql';
import type { Db } from '../src/db/run.js';
import { createContext } from '../src/graphql/context.js';
import type { LinkSpec } from '../src/graphql/loaders.js';
import { loadNodes } from '../src/questions/entities.js';
import { typeDefs } from '../src/graphql/schema.js';
import { assimilableTechniques } from '../src/questions/assimilable.js';
import { modelsPage, neighbours } from '../src/questions/browse.js';
import { modelOverlap } from '../src/questions/overlap.js';
import { searchEntities } from '../src/questions/search.js';
import { tailorTechniques } from '../src/questions/tailor.js';
import { checkPlan } from '../src/questions/validate-plan.js';
import type { Profile } from '../src/reasoning/tailoring.js';

/**
 * The six scenarios of issue 7, each asked three ways: our GraphQL service, the floor (the same use-case
 * functions the resolvers call, src/questions/*, with the same per-request DataLoaders, over a Db with its read
 * cache off: use case + Cypher, no GraphQL), and the @neo4j/graphql peer where it can express the question. Every
 * answer is cut to the same fields the GraphQL selection asks for, so no side serializes more than the others.
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
  /** The floor: the question's use case over `db` (a fresh request context each call); returns the answer to serialize. */
  floor: (db: Db) => Promise<unknown>;
  peer: GraphQLCall | null;
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

/** What look-ahead finds below `techniques` in the browse selection (src/graphql/projection.ts, lookAhead). */
const BROWSE_BELOW: LinkSpec[] = [
  { direction: 'OUT', type: 'ACTS_THROUGH', fields: ['id', 'name'] },
  { direction: 'OUT', type: 'TARGETS', fields: ['id', 'name'] },
];

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
      // The resolvers' page and neighbour calls: the page, then the techniques with, looked ahead, their mechanisms
      // and modalities (one links-tree query); the nested calls find their answers in the request's loader.
      floor: async (db) => {
        const ctx = createContext(db);
        const page = await modelsPage(ctx, 50, null, null);
        const models = await Promise.all(
          page.edges.map(async ({ node: m }) => {
            // The projection and look-ahead the GraphQL selection asks of techniques (src/graphql/projection.ts).
            const techniques = await neighbours(ctx, m.id, 'OUT', 'USES', 'Technique', ['id', 'mechanisms', 'modalities', 'name'], BROWSE_BELOW);
            return {
              id: m.id,
              name: m.name,
              techniques: await Promise.all(
                techniques.map(async (t) => {
                  const [mechanisms, modalities] = await Promise.all([
                    neighbours(ctx, t.id, 'OUT', 'ACTS_THROUGH', undefined, ['id', 'name']),
                    neighbours(ctx, t.id, 'OUT', 'TARGETS', undefined, ['id', 'name']),
                  ]);
                  return { ...idName(t), mechanisms: mechanisms.map(idName), modalities: modalities.map(idName) };
                }),
              ),
            };
          }),
        );
        return { models };
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
      floor: async (db) =>
        (await assimilableTechniques(createContext(db), BASE_MODEL, 20)).map((v) => ({
          technique: idName(v.technique),
          compatible: v.compatible,
          reframing: v.reframing,
          explanation: v.explanation,
        })),
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
      floor: async (db) => {
        const r = await tailorTechniques(createContext(db), FULL_PROFILE as Profile, null, 20);
        return {
          recommendations: r.recommendations.map((x) => ({
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
      floor: async (db) => {
        const v = await checkPlan(createContext(db), PLAN_STEPS, FULL_PROFILE as Profile, null);
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
      floor: async (db) => (await searchEntities(createContext(db), SEARCH_TEXT, null, 20)).map((h) => ({ score: h.score, node: idName(h.node) })),
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
      // The resolver's use case, then the items' names through the loader, as DimensionOverlap's fields load them.
      floor: async (db) => {
        const ctx = createContext(db);
        const o = await modelOverlap(ctx, OVERLAP[0], OVERLAP[1]);
        const items = async (ids: string[]) => (await loadNodes(ctx, ids)).map(idName);
        return {
          a: idName(o.a),
          b: idName(o.b),
          jaccard: o.jaccard,
          dimensions: await Promise.all(
            o.dimensions.map(async (d) => {
              const [shared, onlyA, onlyB] = await Promise.all([items(d.shared), items(d.onlyA), items(d.onlyB)]);
              return { dimension: d.dimension, jaccard: d.jaccard, shared, onlyA, onlyB };
            }),
          ),
          disagreements: o.disagreements.map((r) => ({ tenetOfA: idName(r.tenetOfA), tenetOfB: idName(r.tenetOfB), reason: r.reason })),
        };
      },
      peer: null,
    },
  ];
}
