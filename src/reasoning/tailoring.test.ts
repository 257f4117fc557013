import { describe, expect, it } from 'vitest';
import type { Verdict } from './assimilation.js';
import type { NodeMap } from './graph.js';
import { conditionApplies, tailor, type Profile, type TechniqueProfile } from './tailoring.js';
import { WEIGHTS } from './weights.js';

/** The fit on hand-made technique profiles (what cypher/technique-profiles.cypher returns): no database. */

const node = (__label: string, id: string, extra: Record<string, unknown> = {}): NodeMap => ({
  __label,
  id,
  name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  sources: ['s'],
  evidence: 'THEORETICAL',
  ...extra,
});
const cited = { sources: ['s'], evidence: 'THEORETICAL' };

function technique(id: string, attrs: Record<string, unknown> = {}, extra: Partial<TechniqueProfile> = {}): TechniqueProfile {
  return {
    technique: node('Technique', id, {
      directiveness: 'MODERATE',
      intensity: 'MODERATE',
      structure: 'MODERATE',
      focus: 'BOTH',
      formats: ['INDIVIDUAL'],
      ...attrs,
    }),
    mechanisms: [],
    contraindications: [],
    stagePaths: [],
    phases: [],
    modalities: [],
    addresses: [],
    requires: [],
    follows: [],
    ...extra,
  };
}

const CLIENT_FACTORS = new Map<string, NodeMap>([
  [
    'client-reactance',
    node('ClientFactor', 'client-reactance', {
      sources: ['beutler-2018'],
      effectSizes: JSON.stringify([{ metric: 'd', value: 0.79, source: 'beutler-2018' }]),
    }),
  ],
]);
const run = (profiles: TechniqueProfile[], profile: Profile, base?: Parameters<typeof tailor>[3]) => tailor(profiles, profile, CLIENT_FACTORS, base);
const ids = (xs: Array<{ technique: NodeMap }>) => xs.map((x) => x.technique.id);
const contra = (severity: 'ABSOLUTE' | 'CAUTION', condition: Record<string, unknown>) => ({
  contraindication: node('Contraindication', `c-${severity.toLowerCase()}`, condition),
  severity,
  reason: 'It can do harm.',
  ...cited,
});

describe('conditionApplies', () => {
  it('by risk flag', () => {
    expect(conditionApplies(node('Contraindication', 'c', { risk: 'ACUTE_SUICIDALITY' }), { risks: ['ACUTE_SUICIDALITY'] })).toBe(true);
    expect(conditionApplies(node('Contraindication', 'c', { risk: 'ACUTE_SUICIDALITY' }), { risks: ['PSYCHOSIS'] })).toBe(false);
    expect(conditionApplies(node('Contraindication', 'c', { risk: 'ACUTE_SUICIDALITY' }), {})).toBe(false);
  });

  it('by a profile field taking one of the listed values', () => {
    const c = node('Contraindication', 'c', { profileField: 'emotionalReactivity', profileValues: ['HIGH'] });
    expect(conditionApplies(c, { emotionalReactivity: 'HIGH' })).toBe(true);
    expect(conditionApplies(c, { emotionalReactivity: 'LOW' })).toBe(false);
    expect(conditionApplies(c, {})).toBe(false);
  });

  it('a contraindication with neither condition never applies', () => {
    expect(conditionApplies(node('Contraindication', 'c'), { risks: ['ACUTE_SUICIDALITY'], emotionalReactivity: 'HIGH' })).toBe(false);
  });
});

describe('tailor: who is left out', () => {
  it('an applicable ABSOLUTE contraindication excludes, with the reason; a CAUTION lowers the score and is listed', () => {
    const profiles = [
      technique('ruled-out', {}, { contraindications: [contra('ABSOLUTE', { risk: 'ACUTE_SUICIDALITY' })] }),
      technique('careful', {}, { contraindications: [contra('CAUTION', { risk: 'ACUTE_SUICIDALITY' })] }),
    ];
    const r = run(profiles, { risks: ['ACUTE_SUICIDALITY'] });
    expect(ids(r.excluded)).toEqual(['ruled-out']);
    expect(r.excluded[0].explanation).toBe('Ruled out is excluded: ruled out by c absolute (It can do harm).');
    expect(ids(r.recommendations)).toEqual(['careful']);
    expect(r.recommendations[0].cautions).toHaveLength(1);
    expect(r.recommendations[0].reasons).toContainEqual(expect.objectContaining({ factor: 'RISK', weight: WEIGHTS.caution.weight }));
  });

  it('a contraindication that does not apply changes nothing', () => {
    const r = run([technique('t', {}, { contraindications: [contra('ABSOLUTE', { risk: 'ACUTE_SUICIDALITY' })] })], {});
    expect(ids(r.recommendations)).toEqual(['t']);
    expect(r.excluded).toEqual([]);
  });

  it('a technique not delivered in the asked format is dropped from both lists', () => {
    const r = run([technique('solo'), technique('group', { formats: ['GROUP'] })], { format: 'INDIVIDUAL' });
    expect(ids(r.recommendations)).toEqual(['solo']);
    expect(r.excluded).toEqual([]);
  });

  it('with a base model, an unresolved contradiction of its tenets excludes, with the verdict\u2019s explanation', () => {
    const t = technique('clash');
    const model = node('Model', 'base');
    const v = {
      technique: t.technique,
      baseModel: model,
      native: false,
      compatible: false,
      explanation: 'Clash does not assimilate into Base.',
      reframing: null,
      reframingPath: null,
      conflicts: [{ resolvedByReframing: false }],
    } as unknown as Verdict;
    const r = run([t], {}, { verdicts: new Map([['clash', v]]), model });
    expect(r.recommendations).toEqual([]);
    expect(r.excluded[0].conflicts).toHaveLength(1);
    expect(r.excluded[0].explanation).toContain('Clash does not assimilate into Base.');
  });
});

describe('tailor: the score', () => {
  it('is the sum of the reasons\u2019 weights', () => {
    const profiles = [technique('a', { directiveness: 'LOW', focus: 'INSIGHT' }), technique('b', { directiveness: 'HIGH', focus: 'SKILL', intensity: 'HIGH' })];
    const r = run(profiles, {
      reactance: 'HIGH',
      copingStyle: 'INTERNALIZING',
      psychologicalMindedness: 'HIGH',
      emotionalReactivity: 'HIGH',
      relationalStyle: 'ANXIOUS',
    });
    for (const rec of r.recommendations) {
      expect(rec.reasons.length).toBeGreaterThan(0);
      expect(rec.score).toBeCloseTo(
        rec.reasons.reduce((s, x) => s + x.weight, 0),
        6,
      );
    }
  });

  it('matches directiveness to reactance with the meta-analytic weight, citing the effect size from the client factor', () => {
    const r = run([technique('non-directive', { directiveness: 'LOW' }), technique('directive', { directiveness: 'HIGH' })], { reactance: 'HIGH' });
    expect(ids(r.recommendations)).toEqual(['non-directive', 'directive']);
    const [up, down] = r.recommendations.map((x) => x.reasons.find((y) => y.factor === 'REACTANCE')!);
    expect(up.weight).toBe(WEIGHTS.reactance.weight);
    expect(down.weight).toBe(-WEIGHTS.reactance.weight);
    expect(up.effectSize).toEqual({ metric: 'd', value: 0.79, source: 'beutler-2018' });
    expect(up.clientFactor?.id).toBe('client-reactance');
    expect(up.evidence).toBe('META_ANALYSIS');
    // low reactance: directive work gains half the weight
    const low = run([technique('directive', { directiveness: 'HIGH' })], { reactance: 'LOW' });
    expect(low.recommendations[0].reasons).toMatchObject([{ factor: 'REACTANCE', weight: Math.round(WEIGHTS.reactance.weight * 500) / 1000 }]);
  });

  it('matches focus to coping style: skill work for externalizing, insight for internalizing, both partly', () => {
    const profiles = [technique('skill', { focus: 'SKILL' }), technique('insight', { focus: 'INSIGHT' }), technique('both', { focus: 'BOTH' })];
    const weightOf = (p: Profile, id: string) =>
      run(profiles, p)
        .recommendations.find((x) => x.technique.id === id)!
        .reasons.find((y) => y.factor === 'COPING_STYLE')!.weight;
    const w = WEIGHTS.copingStyle.weight;
    expect(weightOf({ copingStyle: 'EXTERNALIZING' }, 'skill')).toBe(w);
    expect(weightOf({ copingStyle: 'EXTERNALIZING' }, 'insight')).toBe(-w / 2);
    expect(weightOf({ copingStyle: 'INTERNALIZING' }, 'insight')).toBe(w);
    expect(weightOf({ copingStyle: 'INTERNALIZING' }, 'both')).toBe(w / 2);
  });

  it('an empty profile gives every technique score 0 and orders by evidence level, then id', () => {
    const profiles = [technique('b'), technique('a'), technique('c', { evidence: 'META_ANALYSIS' })];
    const r = run(profiles, {});
    expect(ids(r.recommendations)).toEqual(['c', 'a', 'b']);
    expect(r.recommendations.every((x) => x.score === 0 && x.tier === 'MATCHED')).toBe(true);
    expect(r.recommendations[0].explanation).toBe('C scores 0: no profile factor bears on it.');
  });

  it('a technique the base model uses gains the native weight, with a USES path', () => {
    const t = technique('own');
    const model = node('Model', 'base');
    const v = {
      technique: t.technique,
      baseModel: model,
      native: true,
      compatible: true,
      explanation: '',
      reframing: null,
      reframingPath: null,
      conflicts: [],
    } as unknown as Verdict;
    const r = run([t], {}, { verdicts: new Map([['own', v]]), model });
    expect(r.recommendations[0].reasons).toMatchObject([{ factor: 'BASE_MODEL', weight: WEIGHTS.baseNative.weight }]);
    expect(r.recommendations[0].reasons[0].path?.text).toBe('Base -USES-> Own');
  });
});

describe('tailor: tiers come before the score', () => {
  const target = (id: string, risks: string[] = []) => ({ target: node('Target', id, { risks }), focus: [], ...cited });

  it('indicated under a profile risk, then addressing a profile target, then the rest, whatever the scores', () => {
    const profiles = [
      technique('well-matched', { directiveness: 'LOW' }),
      technique('targeted', { directiveness: 'HIGH' }, { addresses: [target('worry')] }),
      technique('indicated', { directiveness: 'HIGH' }, { addresses: [target('suicide-risk', ['ACUTE_SUICIDALITY'])] }),
    ];
    const r = run(profiles, { reactance: 'HIGH', risks: ['ACUTE_SUICIDALITY'], targets: ['worry'] });
    expect(r.recommendations.map((x) => [x.technique.id, x.tier])).toEqual([
      ['indicated', 'INDICATED'],
      ['targeted', 'TARGETED'],
      ['well-matched', 'MATCHED'],
    ]);
    expect(r.recommendations[2].score).toBeGreaterThan(r.recommendations[0].score);
    const indication = r.recommendations[0].reasons.find((x) => x.factor === 'INDICATION')!;
    expect(indication.weight).toBe(WEIGHTS.riskIndication.weight);
    expect(indication.path?.text).toBe('Indicated -ADDRESSES-> Suicide risk');
    expect(r.recommendations[1].reasons.find((x) => x.factor === 'TARGET')?.weight).toBe(WEIGHTS.target.weight);
  });

  it('techniques of one class of traits share the matching weights but not each other\u2019s targets, cautions or verdicts', () => {
    // Same traits: the fit runs the matching rules once for the class (src/reasoning/fit-index.ts), on whichever
    // technique came first; what the first one addresses, what rules it out and the base's verdict stay its own.
    const caution = contra('CAUTION', { risk: 'ACUTE_SUICIDALITY' });
    const profiles = [
      technique('first', { directiveness: 'LOW' }, { addresses: [target('suicide-risk', ['ACUTE_SUICIDALITY'])], contraindications: [caution] }),
      technique('second', { directiveness: 'LOW' }),
      technique('third', { directiveness: 'LOW' }, { addresses: [target('worry')] }),
    ];
    const verdicts = new Map<string, Verdict>([
      ['third', { native: true, compatible: true, conflicts: [], technique: profiles[2].technique, baseModel: node('Model', 'base') } as unknown as Verdict],
    ]);
    const r = run(profiles, { reactance: 'HIGH', risks: ['ACUTE_SUICIDALITY'], targets: ['worry'] }, { verdicts, model: node('Model', 'base') });
    const of = (id: string) => r.recommendations.find((x) => x.technique.id === id)!;
    const reactance = WEIGHTS.reactance.weight;
    expect(of('second').score).toBe(reactance);
    expect(of('second').reasons.map((x) => x.factor)).toEqual(['REACTANCE']);
    expect(of('first').score).toBe(Math.round((WEIGHTS.riskIndication.weight + reactance + WEIGHTS.caution.weight) * 1000) / 1000);
    expect(of('first').cautions).toHaveLength(1);
    expect(of('second').cautions).toEqual([]);
    expect(of('third').score).toBe(Math.round((WEIGHTS.target.weight + reactance + WEIGHTS.baseNative.weight) * 1000) / 1000);
    expect(r.recommendations.map((x) => [x.technique.id, x.tier])).toEqual([
      ['first', 'INDICATED'],
      ['third', 'TARGETED'],
      ['second', 'MATCHED'],
    ]);
    for (const x of r.recommendations)
      expect(x.score).toBeCloseTo(
        x.reasons.reduce((s, y) => s + y.weight, 0),
        9,
      );
  });

  it('is deterministic: shuffled input gives the same order', () => {
    const profiles = ['e', 'a', 'd', 'b', 'c'].map((id, i) => technique(id, { directiveness: ['LOW', 'HIGH', 'MODERATE'][i % 3] }));
    const order = ids(run(profiles, { reactance: 'HIGH' }).recommendations);
    expect(ids(run([...profiles].reverse(), { reactance: 'HIGH' }).recommendations)).toEqual(order);
    // non-directive (b, e) before moderate (d) before directive (a, c); ties by id
    expect(order).toEqual(['b', 'e', 'd', 'a', 'c']);
  });
});
