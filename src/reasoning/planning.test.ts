import { describe, expect, it } from 'vitest';
import type { NodeMap } from './graph.js';
import { planTreatment, STEPS_PER_PHASE, validatorFor } from './planning.js';
import type { PlanValidation } from './sequencing.js';
import { TIER_RANK, type Recommendation, type TechniqueProfile, type Tier } from './tailoring.js';

/** Plan building on hand-made recommendations and technique profiles: no database. */

const node = (__label: string, id: string, extra: Record<string, unknown> = {}): NodeMap => ({
  __label,
  id,
  name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  sources: ['s'],
  evidence: 'THEORETICAL',
  ...extra,
});
const cited = { sources: ['s'], evidence: 'THEORETICAL' };
const PHASE = {
  stabilization: node('Phase', 'stabilization', { order: 1 }),
  processing: node('Phase', 'processing', { order: 2 }),
  integration: node('Phase', 'integration', { order: 3 }),
};
// Handed over out of order on purpose: the plan must order phases itself.
const PHASES = [PHASE.integration, PHASE.stabilization, PHASE.processing];
type PhaseId = keyof typeof PHASE;

interface Spec {
  id: string;
  phases: PhaseId[];
  score: number;
  tier?: Tier;
  requires?: string[];
  follows?: string[];
  modalities?: string[];
  /** Not among the recommendations (excluded for the profile). */
  excluded?: boolean;
}

function fixture(specs: Spec[]) {
  const profiles = new Map<string, TechniqueProfile>();
  const recommendations: Recommendation[] = [];
  for (const s of specs) {
    const technique = node('Technique', s.id, { formats: ['INDIVIDUAL'] });
    profiles.set(s.id, {
      technique,
      mechanisms: [],
      contraindications: [],
      stagePaths: [],
      phases: s.phases.map((p) => ({ phase: PHASE[p], ...cited })),
      modalities: (s.modalities ?? []).map((m) => ({ modality: node('Modality', m), ...cited })),
      addresses: [],
      requires: (s.requires ?? []).map((r) => ({ technique: node('Technique', r), reason: null, ...cited })),
      follows: (s.follows ?? []).map((r) => ({ technique: node('Technique', r), reason: null, ...cited })),
    });
    if (!s.excluded)
      recommendations.push({
        technique,
        tier: s.tier ?? 'MATCHED',
        score: s.score,
        reasons: [],
        cautions: [],
        explanation: `${technique.name} scores ${s.score}.`,
      });
  }
  // Recommendations arrive in tailor's order: tier, then score, then id.
  recommendations.sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || b.score - a.score || (a.technique.id < b.technique.id ? -1 : 1));
  return { profiles, recommendations };
}

const plan = (specs: Spec[], validate?: (steps: TechniqueProfile[]) => PlanValidation, focus: string[] = []) => {
  const { profiles, recommendations } = fixture(specs);
  return planTreatment(recommendations, profiles, PHASES, validate ?? validatorFor({}), focus);
};
const stepsOf = (p: ReturnType<typeof plan>) => p.phases.map((ph) => [ph.phase.id, ph.steps.map((s) => s.technique.id)]);

describe('planTreatment', () => {
  it('orders phases by their order and takes the best-scored techniques of each, at most STEPS_PER_PHASE', () => {
    expect(STEPS_PER_PHASE).toBe(2);
    const p = plan([
      { id: 's1', phases: ['stabilization'], score: 0.9 },
      { id: 's2', phases: ['stabilization'], score: 0.5 },
      { id: 's3', phases: ['stabilization'], score: 0.1 },
      { id: 'p1', phases: ['processing'], score: 0.7 },
      { id: 'i1', phases: ['integration'], score: 0.2 },
    ]);
    expect(stepsOf(p)).toEqual([
      ['stabilization', ['s1', 's2']],
      ['processing', ['p1']],
      ['integration', ['i1']],
    ]);
    expect(p.stepIds).toEqual(['s1', 's2', 'p1', 'i1']);
    expect(p.validation.valid).toBe(true);
    expect(p.phases[0].steps[0].rationale).toBe('Stabilization: S1 scores 0.9.');
  });

  it('never picks a technique with a negative score, and places a technique of several phases once', () => {
    const p = plan([
      { id: 'bad', phases: ['stabilization'], score: -0.2 },
      { id: 'wide', phases: ['stabilization', 'processing'], score: 0.4 },
    ]);
    expect(p.stepIds).toEqual(['wide']);
    expect(stepsOf(p)).toEqual([
      ['stabilization', ['wide']],
      ['processing', []],
      ['integration', []],
    ]);
  });

  it('puts an indicated technique ahead of better-scored ones in its phase', () => {
    const p = plan([
      { id: 'high', phases: ['stabilization'], score: 2 },
      { id: 'higher', phases: ['stabilization'], score: 3 },
      { id: 'safety', phases: ['stabilization'], score: 0.1, tier: 'INDICATED' },
    ]);
    expect(p.stepIds).toEqual(['safety', 'higher']);
  });

  it('adds a hard prerequisite before the technique that needs it, in the prerequisite\u2019s own earlier phase', () => {
    const p = plan([
      { id: 'exposure', phases: ['processing'], score: 1, requires: ['psychoeducation'] },
      { id: 'psychoeducation', phases: ['stabilization'], score: 0 },
      { id: 'grounding', phases: ['stabilization'], score: 0.5 },
      { id: 'breathing', phases: ['stabilization'], score: 0.4 },
    ]);
    expect(p.stepIds.indexOf('psychoeducation')).toBeLessThan(p.stepIds.indexOf('exposure'));
    expect(stepsOf(p)[0]).toEqual(['stabilization', ['grounding', 'breathing', 'psychoeducation']]);
    expect(p.validation.valid).toBe(true);
  });

  it('adds a technique with its prerequisites all or nothing: a chain with an excluded link is left out whole', () => {
    const p = plan([
      { id: 'exposure', phases: ['processing'], score: 1, requires: ['assessment'] },
      { id: 'assessment', phases: ['stabilization'], score: 0, requires: ['contraindicated-step'] },
      { id: 'contraindicated-step', phases: ['stabilization'], score: 0, excluded: true },
      { id: 'fallback', phases: ['processing'], score: 0.2 },
    ]);
    expect(p.stepIds).not.toContain('exposure');
    expect(p.stepIds).not.toContain('assessment');
    expect(p.stepIds).toContain('fallback');
  });

  it('orders steps within a phase so that soft orderings hold', () => {
    const p = plan([
      { id: 'a-first-by-score', phases: ['processing'], score: 1, follows: ['b-should-come-first'] },
      { id: 'b-should-come-first', phases: ['processing'], score: 0.5 },
    ]);
    expect(p.stepIds).toEqual(['b-should-come-first', 'a-first-by-score']);
    expect(p.validation.valid).toBe(true);
  });

  it('prefers techniques aimed at a requested modality', () => {
    const specs: Spec[] = [
      { id: 'a', phases: ['processing'], score: 0.5 },
      { id: 'b', phases: ['processing'], score: 0.45 },
      { id: 'c', phases: ['processing'], score: 0.3, modalities: ['imagery'] },
    ];
    expect(plan(specs).stepIds).toEqual(['a', 'b']);
    expect(plan(specs, undefined, ['imagery']).stepIds).toEqual(expect.arrayContaining(['a', 'c']));
    expect(plan(specs, undefined, ['imagery']).stepIds).not.toContain('b');
  });

  it('drops the steps validation objects to until the plan validates, so the plan always passes', () => {
    const specs: Spec[] = [
      { id: 'ok', phases: ['stabilization'], score: 1 },
      { id: 'vetoed', phases: ['processing'], score: 1 },
    ];
    const veto = (steps: TechniqueProfile[]): PlanValidation => {
      const i = steps.findIndex((s) => s.technique.id === 'vetoed');
      if (i === -1) return { valid: true, violations: [], warnings: [], explanation: 'fine' };
      return {
        valid: false,
        violations: [{ kind: 'FIT', stepIndex: i, technique: steps[i].technique, message: 'no', path: null, sources: [] }],
        warnings: [],
        explanation: 'no',
      };
    };
    const p = plan(specs, veto);
    expect(p.stepIds).toEqual(['ok']);
    expect(p.validation.valid).toBe(true);
  });

  it('with a risk profile, keeps processing work only when stabilisation comes first', () => {
    const p = plan([{ id: 'exposure', phases: ['processing'], score: 1 }], validatorFor({ risks: ['RECENT_SELF_HARM'] }));
    expect(p.stepIds).toEqual([]);
    expect(p.validation.valid).toBe(true);
    const q = plan(
      [
        { id: 'exposure', phases: ['processing'], score: 1 },
        { id: 'grounding', phases: ['stabilization'], score: 0.1 },
      ],
      validatorFor({ risks: ['RECENT_SELF_HARM'] }),
    );
    expect(q.stepIds).toEqual(['grounding', 'exposure']);
  });
});
