import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j-local/launcher.js';
import { startService, type Service } from '../src/server.js';
import { serviceUrl } from './client.js';
import { freePort } from './global-setup.js';

/**
 * Cypher snapshots, after the neo4j/graphql library's TCK: for representative operations, which named queries
 * (cypher/<name>.cypher) run, with which parameters, and how many round trips they cost. Any change fails until the
 * snapshot in test/tck/ is updated on purpose (`npx vitest run test/tck.int.test.ts -u`) and the diff reviewed.
 * Traced requests (`ipkg-trace: 1`) skip both read caches, so every query really runs. Queries are listed sorted by
 * name and parameters (the reads a resolver starts side by side reach Neo4j in an order that depends on timing, so
 * that order is no part of the contract), after the statements of a write transaction in the order they ran. Each
 * read operation is asked twice and must run the same queries both times.
 */

interface QueryRecord {
  name: string;
  params: Record<string, unknown>;
  write?: true;
}
interface Trace {
  roundTrips: number;
  queries: QueryRecord[];
}
interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

async function traced(url: string, op: Operation, headers: Record<string, string> = {}): Promise<Trace> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'ipkg-trace': '1', ...headers },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const body = (await res.json()) as { errors?: unknown[]; extensions?: { roundTrips?: number; queries?: QueryRecord[] } };
  if (body.errors?.length) throw new Error(`${op.name}: GraphQL errors: ${JSON.stringify(body.errors)}`);
  const { roundTrips, queries } = body.extensions ?? {};
  if (typeof roundTrips !== 'number' || !Array.isArray(queries)) throw new Error(`${op.name}: no trace in the response (is the service in production mode?)`);
  // A write transaction's statements run one after another: their order is kept, ahead of the sorted reads.
  const key = (q: QueryRecord) => `${q.name}\u0000${JSON.stringify(q.params)}`;
  const reads = queries.filter((q) => !q.write).sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return { roundTrips, queries: [...queries.filter((q) => q.write), ...reads] };
}

/** One file per operation: the operation, then what it ran. Stable key order, so a diff shows only real changes. */
const render = (op: Operation, t: Trace) =>
  `${JSON.stringify({ operation: op.query, variables: op.variables ?? null, roundTrips: t.roundTrips, queries: t.queries }, null, 2)}\n`;

const CBT = 'cognitive-behavioral-therapy';
const PSYDYN = 'psychodynamic-therapy';
const DBT = 'dialectical-behavior-therapy';
const PROFILE = {
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
const STEPS = ['trauma-psychoeducation', 'safety-planning', 'grounding', 'prolonged-exposure-imaginal', 'cpt-stuck-points', 'relapse-prevention-planning'];
const PATH = 'path { text steps { type from { id } to { id } evidence sources { id } } }';

const READS: Operation[] = [
  {
    name: 'browse-models',
    query: `{ models(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind techniques { id name } tenets { id } } } } }`,
  },
  {
    // The benchmark's nested browse (bench/scenarios.ts): the page, then one look-ahead query for the levels below.
    name: 'browse-nested',
    query: `{ models(first: 3) { edges { node { id name techniques { id name mechanisms { id name } modalities { id name } } } } } }`,
  },
  {
    name: 'browse-techniques-filtered',
    query: `query($f: TechniqueFilter) { techniques(first: 5, filter: $f) { totalCount edges { node { id name mechanisms { id } } } } }`,
    variables: { f: { model: CBT } },
  },
  {
    name: 'technique-with-links',
    query: `{ technique(id: "thought-record") { id name directiveness formats models { id name } originModels { id } mechanisms { id name }
      contraindications { severity reason contraindication { id risk } sources { id } } phases { id order } requires { technique { id } reason }
      follows { technique { id } } targets { target { id } sources { id } } stages { id } sources { id title } } }`,
  },
  {
    name: 'node-polymorphic',
    query: `query($id: ID!) { node(id: $id) { id ... on Model { name derivesFrom { id } links(direction: OUT) { type node { id } } } ... on Technique { name } } }`,
    variables: { id: DBT },
  },
  {
    name: 'search',
    query: `{ search(text: "exposure", first: 5) { score matchedField node { id ... on Technique { models { id } } } } }`,
  },
  {
    name: 'suggest',
    query: `{ suggest(prefix: "cogn", first: 5) { id name type matchedField } }`,
  },
  {
    name: 'assimilation-check',
    query: `query($b: ID!, $t: ID!) { assimilationCheck(baseModelId: $b, techniqueId: $t) { compatible native reframing reframingPath { text steps { sources { id } } }
      conflicts { kind reason resolvedByReframing ${PATH} tenet { id } } explanation } }`,
    variables: { b: 'behavior-therapy', t: 'transference-interpretation' },
  },
  {
    name: 'assimilable-techniques',
    query: `{ assimilableTechniques(baseModelId: "${PSYDYN}", first: 5) { technique { id models { id sources { id } } } reframing conflicts { tenet { id } } } }`,
  },
  {
    name: 'tailor-profile-base',
    query: `query($p: ClientProfileInput!, $b: ID) { tailor(profile: $p, baseModelId: $b, first: 5) {
      recommendations { technique { id name } tier score reasons { factor weight clientFactor { id } effectSize { metric value source { id } } sources { id } path { text } } cautions { contraindication { id } } }
      excluded { technique { id } explanation } method } }`,
    variables: { p: PROFILE, b: PSYDYN },
  },
  {
    name: 'validate-plan',
    query: `query($s: [ID!]!, $p: ClientProfileInput) { validatePlan(steps: $s, profile: $p) { valid violations { kind stepIndex technique { id } message ${PATH} } warnings { kind message } explanation } }`,
    variables: { s: STEPS, p: PROFILE },
  },
  {
    name: 'plan-treatment',
    query: `query($p: ClientProfileInput!) { planTreatment(profile: $p, baseModelId: "${CBT}") { stepIds phases { phase { id order } steps { technique { id } rationale } } validation { valid } } }`,
    variables: { p: { risks: ['RECENT_SELF_HARM'], emotionalReactivity: 'HIGH' } },
  },
  {
    name: 'multimodal-plan',
    query: `query($p: [ModalityProblemInput!]!) { multimodalPlan(problems: $p, perProblem: 2) { items { modality { id } problem target { id } techniques { technique { id } reason path { text } } } explanation } }`,
    variables: {
      p: [
        { modality: 'cognition', problem: 'constant worrying about the future' },
        { modality: 'behavior', problem: 'avoids leaving the house' },
      ],
    },
  },
  {
    name: 'model-overlap',
    query: `{ modelOverlap(a: "${CBT}", b: "${DBT}") { jaccard dimensions { dimension jaccard shared { id } } disagreements { tenetOfA { id } tenetOfB { id } } } }`,
  },
  {
    name: 'overlap-matrix',
    query: `{ overlapMatrix(modelIds: ["${CBT}", "${PSYDYN}", "${DBT}"], dimension: TENETS) { models { id } jaccard shared } }`,
  },
  {
    name: 'assimilation-matrix',
    query: `{ assimilationMatrix(baseModelIds: ["${CBT}", "${PSYDYN}"], techniqueIds: ["thought-record", "transference-interpretation", "grounding"]) { cells { baseModelId techniqueId compatible conflictKinds } } }`,
  },
  {
    name: 'connections',
    query: `{ connections(fromId: "${DBT}", toId: "psychoanalysis", maxHops: 4, first: 3) { text steps { type from { id } to { id } sources { id } } } }`,
  },
  {
    name: 'neighborhood',
    query: `{ neighborhood(id: "${PSYDYN}", depth: 1) { center { id } truncated nodes { distance node { id } } edges { id type } } }`,
  },
  {
    name: 'audit-log',
    query: `{ auditLog(first: 3) { edges { cursor node { seq action target } } pageInfo { hasNextPage } } }`,
  },
];

describe('Cypher snapshots: reads on the shared graph', () => {
  it.each(READS)('$name', async (op) => {
    const first = await traced(serviceUrl(), op);
    expect(first.queries.length, 'every round trip is a recorded query').toBe(first.roundTrips);
    expect(await traced(serviceUrl(), op), 'the same operation runs the same queries every time').toEqual(first);
    await expect(render(op, first)).toMatchFileSnapshot(`./tck/${op.name}.json`);
  });
});

/**
 * Curation writes against a database of their own (the shared graph's readers must never see them), in a fixed
 * order on a freshly seeded graph, so the data versions in their parameters are the same on every run.
 */
const CURATOR = 'tck-curator-token-0123456789abcdef';
let dataDir: string | undefined;
let neo4j: LocalNeo4j | undefined;
let own: Service | undefined;

const WRITES: Operation[] = [
  {
    name: 'create-entity',
    query: `mutation($i: CreateEntityInput!) { createEntity(input: $i) { entity { id name version ... on Model { kind techniques { id } } } audit { seq action target } } }`,
    variables: {
      i: {
        kind: 'MODEL',
        id: 'tck-model',
        fields: {
          name: 'TCK model',
          description: 'A model made by the Cypher snapshot test.',
          sources: ['beck-1979'],
          evidence: 'EXPERT_OPINION',
          model: { kind: 'SCHOOL', orientation: 'COGNITIVE' },
        },
      },
    },
  },
  {
    name: 'update-entity',
    query: `mutation($i: UpdateEntityInput!) { updateEntity(input: $i) { entity { id name version } audit { seq action changes { field before after } } } }`,
    variables: { i: { id: 'tck-model', version: 1, sources: ['beck-1979'], fields: { name: 'TCK model, renamed' } } },
  },
  {
    name: 'create-relationship',
    query: `mutation($i: RelationshipInput!) { createRelationship(input: $i) { relationship { type version node { id } } audit { action target } } }`,
    variables: { i: { from: 'tck-model', type: 'USES', to: 'thought-record', sources: ['beck-1979'], evidence: 'EXPERT_OPINION' } },
  },
  {
    name: 'delete-entity',
    query: `mutation($i: DeleteEntityInput!) { deleteEntity(input: $i) { entity { id } audit { action target } } }`,
    variables: { i: { id: 'tck-model', version: 2, sources: ['beck-1979'] } },
  },
];

describe('Cypher snapshots: curation writes on a database of their own', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ipkg-tck-neo4j-'));
    // A loaded machine can take minutes to start a JVM: wait for it rather than fail on slowness.
    neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heapMb: 384, pageCacheMb: 64, startTimeoutS: 600 });
    const env = { ...process.env, IPKG_TOKENS: `tck:curator:${CURATOR}` };
    const config = { ...loadConfig(env), neo4jUri: neo4j.uri, port: 0, production: false };
    own = await startService(config, { log: () => {} }); // seeds the empty database
  }, 900_000);

  afterAll(async () => {
    await own?.close();
    await neo4j?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the runner records the statements of a write transaction, marked as writes, for a traced request', async () => {
    const trips = { count: 0, queries: [] as QueryRecord[] };
    await own!.database.db.writeTx((run) => run('audit-count'), undefined, trips);
    expect(trips.queries).toEqual([{ name: 'audit-count', params: {}, write: true }]);
    expect(trips.count).toBe(0); // round trips count reads, as the batching tests expect
  });

  // Sequential on purpose: each write reads what the one before it left.
  it('create, update, relate and delete, in that order', async () => {
    for (const op of WRITES) {
      const t = await traced(own!.url, op, { authorization: `Bearer ${CURATOR}` });
      // A resolver's write shows up only when it hands its request's trips to Db.writeTx.
      expect(
        t.queries.filter((q) => q.write).length,
        `${op.name}: no write statement was traced (the resolver must pass ctx.trips to db.writeTx)`,
      ).toBeGreaterThan(0);
      await expect(render(op, t)).toMatchFileSnapshot(`./tck/${op.name}.json`);
    }
  }, 300_000);
});
