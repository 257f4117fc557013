import { afterAll, describe, expect, it } from 'vitest';
import { data } from './client.js';
import { testDb } from './db.js';

/** The knowledge base as loaded in Neo4j: its size, its citations and its integrity rules. */

const { db, close } = testDb();
afterAll(close);

describe('how much', () => {
  it('holds at least the promised numbers of each kind', async () => {
    const rows = await db.read('graph-counts');
    const nodes = Object.fromEntries(rows.filter((r) => r.kind === 'node').map((r) => [r.name, Number(r.count)]));
    expect(nodes.Model).toBeGreaterThanOrEqual(35);
    expect(nodes.Technique).toBeGreaterThanOrEqual(200);
    expect(nodes.Mechanism).toBeGreaterThanOrEqual(40);
    expect(nodes.Contraindication).toBeGreaterThanOrEqual(40);
    expect(nodes.Source).toBeGreaterThanOrEqual(60);
    expect(nodes.Modality).toBe(7);
    expect(nodes.IntegrationStrategy).toBe(4);
    expect(nodes.TherapeuticFactor).toBe(11);
    expect(nodes.StageOfChange).toBe(5);
  });

  it('gives every school at least three tenets and makes contradictions between schools explicit', async () => {
    const [r] = await db.read('integrity-tenets');
    const schools = r.schools as Array<{ model: string; tenets: number }>;
    expect(schools.length).toBeGreaterThanOrEqual(10);
    for (const s of schools) expect(s.tenets, s.model).toBeGreaterThanOrEqual(3);
    expect(Number(r.crossSchoolContradictions)).toBeGreaterThanOrEqual(20);
  });

  it('names every school and integrative model of the overview article', async () => {
    const ids = [
      'multimodal-therapy',
      'integrative-behavioral-couple-therapy',
      'dialectical-behavior-therapy',
      'eye-movement-desensitization-and-reprocessing',
      'psychodynamic-therapy',
      'cognitive-behavioral-therapy',
      'person-centered-therapy',
      'existential-therapy',
      'bowen-family-systems-therapy',
    ];
    for (const id of ids) expect((await data(`query($id: ID!) { model(id: $id) { id } }`, { id })).model?.id, id).toBe(id);
  });
});

describe('integrity', () => {
  it('every node and relationship cites at least one existing source and carries an evidence level', async () => {
    const [r] = await db.read('integrity-uncited');
    expect(r.nodes).toEqual([]);
    expect(r.edges).toEqual([]);
    expect(r.nodeCitations).toEqual([]);
    expect(r.edgeCitations).toEqual([]);
  });

  it('every technique targets a modality, acts through a mechanism, and has a phase or says why not', async () => {
    const [r] = await db.read('integrity-techniques');
    expect(r.broken).toEqual([]);
  });

  it('no model contradicts its own techniques (the coherence rule holds for natives)', async () => {
    const [r] = await db.read('integrity-native-conflicts');
    expect(r.conflicts).toEqual([]);
  });

  it('lists the BASIC I.D. modalities in order', async () => {
    const d = await data(`{ modalities { letter order } }`);
    expect(d.modalities.map((m: { letter: string }) => m.letter).join('')).toBe('BASICID');
    expect(d.modalities.map((m: { order: number }) => m.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stores meta-analytic effect sizes with a source, for the alliance and for client factors', async () => {
    const d = await data(
      `{ commonFactors { id effectSizes { metric value source { id year } evidence } } clientFactors { id effectSizes { value source { id } } } }`,
    );
    const alliance = d.commonFactors.find((c: { id: string }) => c.id === 'therapeutic-alliance');
    expect(alliance.effectSizes.length).toBeGreaterThan(0);
    for (const f of [...d.commonFactors, ...d.clientFactors]) for (const e of f.effectSizes) expect(e.source.id).toBeTruthy();
    const withSizes = d.clientFactors.filter((c: { effectSizes: unknown[] }) => c.effectSizes.length > 0).map((c: { id: string }) => c.id);
    expect(withSizes).toEqual(expect.arrayContaining(['client-stage-of-change', 'client-reactance', 'client-coping-style']));
  });
});

describe('every node type and relationship is reachable through GraphQL with its sources', () => {
  const LISTS = [
    'modalities',
    'integrationStrategies',
    'commonFactors',
    'clientFactors',
    'therapeuticFactors',
    'phases',
    'stagesOfChange',
    'processesOfChange',
    'domains',
    'mechanisms',
    'contraindications',
    'tenets',
  ];

  it.each(LISTS)('%s', async (list) => {
    const d = await data(`{ ${list} { __typename id name ... on Sourced { evidence sources { id } } links { type sources { id } } } }`);
    expect(d[list].length).toBeGreaterThan(0);
    for (const n of d[list]) {
      expect(n.sources.length, n.id).toBeGreaterThan(0);
      expect(n.links.length, `${n.id} is connected`).toBeGreaterThan(0);
      for (const l of n.links) expect(l.sources.length).toBeGreaterThan(0);
    }
  });

  it('node(id) resolves every kind to its own type', async () => {
    const d = await data(`{ sources { id } tenets { id } mechanisms { id } }`);
    const sample = [d.sources[0].id, d.tenets[0].id, d.mechanisms[0].id, 'thought-record', 'psychoanalysis', 'affect', 'stabilization'];
    const q = `{ ${sample.map((id, i) => `n${i}: node(id: "${id}") { __typename id }`).join(' ')} }`;
    const r = await data(q);
    expect(Object.values(r).map((n: any) => n.__typename)).toEqual(['Source', 'Tenet', 'Mechanism', 'Technique', 'Model', 'Modality', 'Phase']);
  });
});
