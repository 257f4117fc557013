import { describe, expect, it } from 'vitest';
import { trips } from './client.js';

/**
 * Database round trips per operation are bounded by the operation's nesting depth, not by the size of its answer
 * (issue 7). Traced requests (`ipkg-trace: 1`) skip the read cache, so these counts measure batching. Each
 * operation is asked twice, for a small and a large answer, with the same nesting: the count must not move.
 */

const PROFILE = `{ stageOfChange: PREPARATION, psychologicalMindedness: HIGH, emotionalReactivity: HIGH, reactance: HIGH, relationalStyle: ANXIOUS, learningStyle: EXPERIENTIAL, copingStyle: INTERNALIZING, format: INDIVIDUAL, risks: [RECENT_SELF_HARM] }`;
const STEPS = [
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

async function bounded(query: (n: number) => string, small: number, large: number, max: number): Promise<void> {
  const [a, b] = [await trips(query(small)), await trips(query(large))];
  expect(a).toBeGreaterThan(0);
  expect(b).toBe(a);
  expect(b).toBeLessThanOrEqual(max);
}

describe('round trips per reasoning operation are bounded by nesting depth', () => {
  it('assimilableTechniques: id check + verdicts + one batch per nested level', async () => {
    // entity-kinds, assimilation-base, technique-profiles (traced requests read them; untraced ones find them in
    // the profile store), technique.models (links), models.sources (nodes)
    await bounded(
      (n) =>
        `{ assimilableTechniques(baseModelId: "psychodynamic-therapy", first: ${n}) { technique { id models { id sources { id } } } conflicts { tenet { id } } } }`,
      2,
      50,
      5,
    );
  });

  it('tailor: profiles + client factors + one batch per nested level', async () => {
    // technique-profiles, list-by-label, technique.models (links), reasons.sources (nodes)
    await bounded(
      (n) => `{ tailor(profile: ${PROFILE}, first: ${n}) { recommendations { technique { id models { id } } reasons { factor sources { id } } } } }`,
      2,
      50,
      5,
    );
  });

  it('tailor with a base model adds exactly the verdicts query', async () => {
    const q = (n: number, base: string) => `{ tailor(profile: ${PROFILE}, ${base} first: ${n}) { recommendations { technique { id } score } } }`;
    expect(await trips(q(50, 'baseModelId: "psychodynamic-therapy",'))).toBe((await trips(q(50, ''))) + 2); // + id check + the base's side of the verdicts (the profiles are read once for both)
  });

  it('validatePlan: id check + profiles, whatever the number of steps', async () => {
    const q = (n: number) =>
      `{ validatePlan(steps: ${JSON.stringify(STEPS.slice(0, n))}, profile: ${PROFILE}) { valid violations { technique { id } message } warnings { message } } }`;
    await bounded(q, 2, 10, 3);
  });

  it('search: one query, plus one batch per nested level', async () => {
    await bounded((n) => `{ search(text: "exposure", first: ${n}) { score node { id ... on Technique { models { id } } } } }`, 2, 50, 3);
  });

  it('modelOverlap: a fixed number of queries for any pair', async () => {
    const q = (pair: string) =>
      `{ modelOverlap(${pair}) { jaccard dimensions { shared { id } onlyA { id } onlyB { id } } disagreements { tenetOfA { id } } } }`;
    const small = await trips(q('a: "psychoanalysis", b: "psychodynamic-therapy"'));
    const large = await trips(q('a: "cognitive-behavioral-therapy", b: "dialectical-behavior-therapy"'));
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(5);
  });

  it('browse, a pure relationship selection: the page and one look-ahead query for every level below it', async () => {
    // models-page, links-tree (techniques, their mechanisms and modalities); one query per level would be 4
    await bounded(
      (n) => `{ models(first: ${n}) { edges { node { id name techniques { id name mechanisms { id name } modalities { id name } } } } } }`,
      2,
      50,
      2,
    );
  });

  it('a selection deeper than one look-ahead tree: one more query per three levels', async () => {
    // techniques-page, links-tree (models, their tenets, those tenets' models), links-out (those models' techniques)
    await bounded((n) => `{ techniques(first: ${n}) { edges { node { id models { id tenets { id models { id techniques { id } } } } } } } }`, 2, 8, 3);
  });

  it('a traced request skips the cache: asking twice costs the same round trips', async () => {
    const q = `{ models(first: 10) { edges { node { id techniques { id } } } } }`;
    const first = await trips(q);
    expect(first).toBe(2);
    expect(await trips(q)).toBe(first);
  });
});
