import { describe, expect, it } from 'vitest';
import type { Verdict } from './assimilation.js';
import type { NodeMap } from './graph.js';
import { needsStabilization, validatePlan } from './sequencing.js';
import type { TechniqueProfile } from './tailoring.js';

/** Plan validation on hand-made technique profiles (what cypher/technique-profiles.cypher returns): no database. */

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
type PhaseId = keyof typeof PHASE;

function profile(
  id: string,
  opts: { phases?: PhaseId[]; requires?: string[]; follows?: string[]; formats?: string[]; extra?: Partial<TechniqueProfile> } = {},
): TechniqueProfile {
  return {
    technique: node('Technique', id, { formats: opts.formats ?? ['INDIVIDUAL', 'GROUP'] }),
    mechanisms: [],
    contraindications: [],
    stagePaths: [],
    phases: (opts.phases ?? []).map((p) => ({ phase: PHASE[p], ...cited })),
    modalities: [],
    addresses: [],
    requires: (opts.requires ?? []).map((r) => ({ technique: node('Technique', r), reason: `${r} lays the ground`, ...cited })),
    follows: (opts.follows ?? []).map((r) => ({ technique: node('Technique', r), reason: null, ...cited })),
    ...opts.extra,
  };
}

describe('validatePlan: the hierarchy', () => {
  it('accepts an empty plan and a plan with nothing to object to', () => {
    expect(validatePlan([])).toMatchObject({ valid: true, violations: [], warnings: [] });
    const r = validatePlan([profile('a', { phases: ['stabilization'] }), profile('b', { phases: ['processing'] })]);
    expect(r.valid).toBe(true);
    expect(r.explanation).toBe('The plan respects the hierarchy.');
  });

  it('a hard prerequisite the plan lacks is MISSING_PREREQUISITE, naming what is missing', () => {
    const r = validatePlan([profile('exposure', { requires: ['psychoeducation'] })]);
    expect(r.valid).toBe(false);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ kind: 'MISSING_PREREQUISITE', stepIndex: 0, missing: { id: 'psychoeducation' } });
    expect(r.violations[0].message).toMatch(/which the plan lacks: psychoeducation lays the ground/);
    expect(r.violations[0].path?.text).toBe('Exposure -REQUIRES-> Psychoeducation');
  });

  it('a hard prerequisite placed later is SEQUENCE (reorder, not add); placed earlier it is fine', () => {
    const late = validatePlan([profile('exposure', { requires: ['psychoeducation'] }), profile('psychoeducation')]);
    expect(late.violations).toHaveLength(1);
    expect(late.violations[0]).toMatchObject({ kind: 'SEQUENCE', stepIndex: 0, missing: null });
    expect(late.violations[0].message).toMatch(/comes later \(step 1\)/);
    expect(validatePlan([profile('psychoeducation'), profile('exposure', { requires: ['psychoeducation'] })]).valid).toBe(true);
  });

  it('a soft ordering (SHOULD_FOLLOW) may not be reversed, but its target may be absent', () => {
    const reversed = validatePlan([profile('b', { follows: ['a'] }), profile('a')]);
    expect(reversed.violations.map((v) => [v.kind, v.stepIndex])).toEqual([['SEQUENCE', 0]]);
    expect(reversed.violations[0].path?.text).toBe('B -SHOULD_FOLLOW-> A');
    expect(validatePlan([profile('b', { follows: ['a'] })]).valid).toBe(true);
  });

  it('no step may precede a step that belongs wholly to an earlier phase', () => {
    const r = validatePlan([profile('processing-work', { phases: ['processing'] }), profile('grounding', { phases: ['stabilization'] })]);
    expect(r.valid).toBe(false);
    expect(r.violations[0]).toMatchObject({ kind: 'SEQUENCE', stepIndex: 0 });
    expect(r.violations[0].message).toMatch(/the stabilization phase comes first/);
    expect(r.violations[0].path?.text).toBe('Processing work -IN_PHASE-> Processing <-PRECEDES- Stabilization <-IN_PHASE- Grounding');
  });

  it('a step spanning an earlier phase too may come first', () => {
    const r = validatePlan([profile('wide', { phases: ['stabilization', 'processing'] }), profile('grounding', { phases: ['stabilization'] })]);
    expect(r.valid).toBe(true);
  });
});

describe('validatePlan: stabilisation under risk', () => {
  it('needsStabilization: any risk flag, high emotional reactivity or a disorganized relational style', () => {
    expect(needsStabilization(undefined)).toBe(false);
    expect(needsStabilization({})).toBe(false);
    expect(needsStabilization({ risks: ['RECENT_SELF_HARM'] })).toBe(true);
    expect(needsStabilization({ emotionalReactivity: 'HIGH' })).toBe(true);
    expect(needsStabilization({ relationalStyle: 'DISORGANIZED' })).toBe(true);
    expect(needsStabilization({ emotionalReactivity: 'MODERATE', relationalStyle: 'SECURE', risks: [] })).toBe(false);
  });

  it('with such a profile, processing work needs a stabilisation step before it', () => {
    const steps = [profile('exposure', { phases: ['processing'] }), profile('grounding', { phases: ['stabilization'] })];
    const r = validatePlan([steps[0]], { risks: ['RECENT_SELF_HARM'] });
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ kind: 'SEQUENCE', stepIndex: 0, sources: ['herman-1992', 'cloitre-2011'] });
    expect(validatePlan([steps[1], steps[0]], { risks: ['RECENT_SELF_HARM'] }).valid).toBe(true);
    expect(validatePlan([steps[0]], {}).valid).toBe(true);
  });
});

describe('validatePlan: the profile and the base model', () => {
  const contra = (severity: 'ABSOLUTE' | 'CAUTION', condition: Record<string, unknown>) => ({
    contraindication: node('Contraindication', `c-${severity.toLowerCase()}`, condition),
    severity,
    reason: 'It can make things worse.',
    ...cited,
  });

  it('an ABSOLUTE contraindication that applies invalidates the plan; a CAUTION warns', () => {
    const t = profile('exposure', {
      extra: {
        contraindications: [
          contra('ABSOLUTE', { risk: 'ACUTE_SUICIDALITY' }),
          contra('CAUTION', { profileField: 'emotionalReactivity', profileValues: ['HIGH'] }),
        ],
      },
    });
    const r = validatePlan([t], { risks: ['ACUTE_SUICIDALITY'], emotionalReactivity: 'HIGH' });
    expect(r.violations.map((v) => v.kind)).toEqual(['CONTRAINDICATION']);
    expect(r.violations[0].message).toMatch(/contraindicated with c absolute/);
    expect(r.warnings.map((v) => v.kind)).toEqual(['CONTRAINDICATION']);
    expect(r.warnings[0].message).toMatch(/caution with c caution/);
    expect(r.violations[0].path?.text).toBe('Exposure -HAS_CONTRAINDICATION-> C absolute');
  });

  it('contraindications whose condition does not apply, or without a profile, say nothing', () => {
    const t = profile('exposure', { extra: { contraindications: [contra('ABSOLUTE', { risk: 'ACUTE_SUICIDALITY' })] } });
    expect(validatePlan([t], { risks: ['RECENT_SELF_HARM'] }).violations.filter((v) => v.kind === 'CONTRAINDICATION')).toEqual([]);
    expect(validatePlan([t]).valid).toBe(true);
  });

  it('a technique not delivered in the profile\u2019s format is a FIT violation', () => {
    const r = validatePlan([profile('couples-only', { formats: ['COUPLE'] })], { format: 'INDIVIDUAL' });
    expect(r.violations).toMatchObject([{ kind: 'FIT', stepIndex: 0 }]);
    expect(r.violations[0].message).toMatch(/not delivered in the individual format \(it is: couple\)/);
  });

  it('a technique whose processes of change serve other stages only is a FIT warning', () => {
    const stagePath = (stage: string) => ({
      process: node('ProcessOfChange', 'p'),
      stage: node('StageOfChange', stage.toLowerCase(), { stage }),
      employs: cited,
      serves: cited,
    });
    const t = profile('action-work', { extra: { stagePaths: [stagePath('ACTION')] } });
    const r = validatePlan([t], { stageOfChange: 'PRECONTEMPLATION' });
    expect(r.valid).toBe(true);
    expect(r.warnings).toMatchObject([{ kind: 'FIT', stepIndex: 0, sources: ['prochaska-1992'] }]);
    expect(r.explanation).toBe('The plan respects the hierarchy and the profile, with 1 caution(s).');
    expect(validatePlan([t], { stageOfChange: 'ACTION' }).warnings).toEqual([]);
  });

  it('a step that contradicts the base model is a CONTRADICTION, with the conflict\u2019s path', () => {
    const t = profile('clash');
    const path = {
      text: 'Clash -ACTS_THROUGH-> M -CONTRADICTS-> T <-HOLDS- Base',
      steps: [{ from: t.technique, type: 'ACTS_THROUGH', to: node('Mechanism', 'm'), sources: ['x'], evidence: 'THEORETICAL' }],
    };
    const v = {
      technique: t.technique,
      compatible: false,
      explanation: 'Clash does not assimilate.',
      conflicts: [{ resolvedByReframing: false, path }],
    } as unknown as Verdict;
    const r = validatePlan([t], undefined, new Map([['clash', v]]));
    expect(r.violations).toMatchObject([{ kind: 'CONTRADICTION', stepIndex: 0, message: 'Clash does not assimilate.', sources: ['x'] }]);
    expect(r.violations[0].path).toBe(path);
    const fine = { ...v, compatible: true } as Verdict;
    expect(validatePlan([t], undefined, new Map([['clash', fine]])).explanation).toBe('The plan respects the hierarchy and the base model.');
  });

  it('orders violations by step, then kind, and explains the first', () => {
    const r = validatePlan([profile('x', { formats: ['GROUP'], requires: ['gone'] }), profile('y', { formats: ['GROUP'] })], { format: 'INDIVIDUAL' });
    expect(r.violations.map((v) => [v.stepIndex, v.kind])).toEqual([
      [0, 'FIT'],
      [0, 'MISSING_PREREQUISITE'],
      [1, 'FIT'],
    ]);
    expect(r.explanation).toBe(`The plan has 3 violation(s); the first: ${r.violations[0].message}`);
  });
});
