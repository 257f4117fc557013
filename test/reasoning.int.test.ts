import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createContext } from '../src/graphql/context.js';
import { verdicts } from '../src/questions/assimilation.js';
import { fit } from '../src/questions/tailor.js';
import type { Profile } from '../src/reasoning/tailoring.js';
import { verdict, type AssimilationRow } from '../src/reasoning/assimilation.js';
import { data, gql, trips } from './client.js';
import { testDb } from './db.js';

/**
 * The reasoning rules checked as properties over the whole loaded graph. The expected answers are computed here
 * from the plain entity fields (model.tenets, technique.mechanisms.contradicts, ...), independently of the
 * reasoning queries in cypher/ that the API uses.
 */

interface TechniqueFacts {
  id: string;
  directiveness: string;
  structure: string;
  intensity: string;
  formats: string[];
  targets: { target: { id: string; risks: string[] } }[];
  phases: { id: string }[];
  requires: { technique: { id: string } }[];
  follows: { technique: { id: string } }[];
  modalities: { id: string }[];
  assimilations: { baseModel: { id: string } }[];
  models: { id: string }[];
  contraindications: { severity: string; contraindication: { id: string; risk: string | null; profileField: string | null; profileValues: string[] | null } }[];
  mechanisms: { id: string; contradicts: { tenet: { id: string } }[]; presupposes: { id: string; contradicts: { tenet: { id: string } }[] }[] }[];
}

const FACTS = `query($after: String) {
  techniques(first: 25, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id directiveness structure intensity formats phases { id } modalities { id } models { id }
      targets { target { id risks } }
      requires { technique { id } } follows { technique { id } }
      assimilations { baseModel { id } }
      contraindications { severity contraindication { id risk profileField profileValues } }
      mechanisms { id contradicts { tenet { id } } presupposes { id contradicts { tenet { id } } } }
    } }
  }
}`;

const techniques: TechniqueFacts[] = [];
const byId = new Map<string, TechniqueFacts>();

beforeAll(async () => {
  let after: string | null = null;
  for (;;) {
    const d: any = await data(FACTS, { after });
    techniques.push(...d.techniques.edges.map((e: { node: TechniqueFacts }) => e.node));
    if (!d.techniques.pageInfo.hasNextPage) break;
    after = d.techniques.pageInfo.endCursor;
  }
  for (const t of techniques) byId.set(t.id, t);
});

/** Independent computation of the coherence rule from entity fields. */
async function expectedIncompatible(baseId: string): Promise<Set<string>> {
  const d = await data(`query($id: ID!) { model(id: $id) { tenets { id kind excludesDirectiveness excludesStructure } } }`, { id: baseId });
  const held = new Set<string>(d.model.tenets.map((t: { id: string }) => t.id));
  const stances: { excludesDirectiveness: string[]; excludesStructure: string[] }[] = d.model.tenets.filter((t: { kind: string }) => t.kind === 'STANCE');
  const out = new Set<string>();
  for (const t of techniques) {
    const reframed = t.assimilations.some((a) => a.baseModel.id === baseId);
    const stanceClash = stances.some((st) => st.excludesDirectiveness.includes(t.directiveness) || st.excludesStructure.includes(t.structure));
    if (stanceClash && !reframed) out.add(t.id);
    for (const m of t.mechanisms) {
      if (m.contradicts.some((c) => held.has(c.tenet.id))) out.add(t.id);
      const presupposedClash = m.presupposes.some((p) => !held.has(p.id) && p.contradicts.some((c) => held.has(c.tenet.id)));
      // Tenet.contradicts lists both directions, as contradiction between tenets is symmetric.
      if (presupposedClash && !reframed) out.add(t.id);
    }
  }
  return out;
}

const BASES = [
  'psychodynamic-therapy',
  'psychoanalysis',
  'person-centered-therapy',
  'behavior-therapy',
  'solution-focused-brief-therapy',
  'narrative-therapy',
  'cognitive-therapy',
];

describe('assimilation: metatheoretical coherence', () => {
  it('the overview article\u2019s example: thought records and homework assimilate into a psychodynamic base', async () => {
    for (const id of ['thought-record', 'homework-assignment']) {
      const d = await data(
        `query($t: ID!) { assimilationCheck(baseModelId: "psychodynamic-therapy", techniqueId: $t) { compatible native reframing conflicts { kind } explanation } }`,
        { t: id },
      );
      expect(d.assimilationCheck.compatible).toBe(true);
      expect(d.assimilationCheck.native).toBe(false);
      expect(d.assimilationCheck.reframing).toBeTruthy();
      expect(d.assimilationCheck.explanation).toContain('re-reads it');
    }
    const list = await data(`{ assimilableTechniques(baseModelId: "psychodynamic-therapy", first: 100) { technique { id } reframing } }`);
    const ids = list.assimilableTechniques.map((v: { technique: { id: string } }) => v.technique.id);
    expect(ids).toContain('thought-record');
    expect(ids).toContain('homework-assignment');
  });

  it.each(BASES)('into %s: every verdict agrees with an independent check of the contradiction paths', async (base) => {
    const expected = await expectedIncompatible(base);
    const ids = techniques.map((t) => t.id);
    // Chunks small enough to stay under the service's query cost limit.
    for (let i = 0; i < ids.length; i += 10) {
      const chunk = ids.slice(i, i + 10);
      const query = `{ ${chunk.map((id, k) => `v${k}: assimilationCheck(baseModelId: "${base}", techniqueId: "${id}") { compatible conflicts { resolvedByReframing tenet { id } path { steps { type from { id } to { id } sources { id } } } } }`).join('\n')} }`;
      const d = await data(query);
      chunk.forEach((id, k) => {
        const v = d[`v${k}`];
        const unresolved = v.conflicts.filter((c: { resolvedByReframing: boolean }) => !c.resolvedByReframing);
        expect(v.compatible, `${id} into ${base}`).toBe(!expected.has(id));
        if (!v.compatible) expect(unresolved.length, `${id} into ${base} has a conflict path`).toBeGreaterThan(0);
        for (const c of v.conflicts) {
          // Each path starts at the technique and every step is cited.
          expect(c.path.steps[0].from.id).toBe(id);
          for (const s of c.path.steps) expect(s.sources.length).toBeGreaterThan(0);
        }
      });
    }
  });

  it('real conflicts exist: transference interpretation does not assimilate into behaviour therapy', async () => {
    const d = await data(`{
      assimilationCheck(baseModelId: "behavior-therapy", techniqueId: "transference-interpretation") {
        compatible explanation conflicts { kind tenet { id models { id } } path { text } }
      }
    }`);
    expect(d.assimilationCheck.compatible).toBe(false);
    const c = d.assimilationCheck.conflicts[0];
    expect(c.tenet.models.map((m: { id: string }) => m.id)).toContain('behavior-therapy');
    expect(c.path.text).toMatch(/ACTS_THROUGH.*CONTRADICTS.*HOLDS/);
    expect(d.assimilationCheck.explanation).toContain('does not assimilate');
  });

  it('assimilableTechniques excludes the base\u2019s own techniques and ranks curated re-readings first', async () => {
    const [list, model] = await Promise.all([
      data(`{ assimilableTechniques(baseModelId: "psychodynamic-therapy", first: 100) { compatible native reframing technique { id } } }`),
      data(`{ model(id: "psychodynamic-therapy") { techniques { id } } }`),
    ]);
    const own = new Set(model.model.techniques.map((t: { id: string }) => t.id));
    const rows = list.assimilableTechniques;
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r.compatible).toBe(true);
      expect(own.has(r.technique.id)).toBe(false);
    }
    const firstPlain = rows.findIndex((r: { reframing: string | null }) => r.reframing === null);
    if (firstPlain !== -1) expect(rows.slice(firstPlain).every((r: { reframing: string | null }) => r.reframing === null)).toBe(true);
  });

  it('unknown ids give NOT_FOUND naming the id', async () => {
    const r = await gql(`{ assimilationCheck(baseModelId: "no-such-model", techniqueId: "thought-record") { compatible } }`);
    expect(r.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(r.body.errors?.[0].message).toContain('no-such-model');
    const r2 = await gql(`{ assimilationCheck(baseModelId: "psychodynamic-therapy", techniqueId: "psychoanalysis") { compatible } }`);
    expect(r2.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(r2.body.errors?.[0].extensions?.id).toBe('psychoanalysis');
  });
});

/** A seeded generator, so the sampled profiles are the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const ENUMS = {
  stageOfChange: ['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE'],
  psychologicalMindedness: ['LOW', 'MODERATE', 'HIGH'],
  emotionalReactivity: ['LOW', 'MODERATE', 'HIGH'],
  reactance: ['LOW', 'MODERATE', 'HIGH'],
  relationalStyle: ['SECURE', 'ANXIOUS', 'AVOIDANT', 'DISORGANIZED'],
  learningStyle: ['EXPERIENTIAL', 'COGNITIVE', 'BEHAVIORAL'],
  copingStyle: ['INTERNALIZING', 'EXTERNALIZING'],
  format: ['INDIVIDUAL', 'COUPLE', 'FAMILY', 'GROUP'],
};
const RISKS = [
  'ACUTE_SUICIDALITY',
  'RECENT_SELF_HARM',
  'UNSTABLE_DISSOCIATION',
  'ACTIVE_PSYCHOSIS',
  'SUBSTANCE_INTOXICATION',
  'INTIMATE_PARTNER_VIOLENCE',
  'MEDICAL_INSTABILITY',
];

function randomProfile(rand: () => number): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(ENUMS)) if (rand() < 0.6) p[field] = values[Math.floor(rand() * values.length)];
  p.risks = RISKS.filter(() => rand() < 0.25);
  return p;
}

function applies(c: TechniqueFacts['contraindications'][number]['contraindication'], profile: Record<string, unknown>): boolean {
  if (c.risk && (profile.risks as string[]).includes(c.risk)) return true;
  return !!(c.profileField && c.profileValues?.includes(String(profile[c.profileField])));
}

const TAILOR = `query($p: ClientProfileInput!, $b: ID) {
  tailor(profile: $p, baseModelId: $b, first: 100) {
    recommendations { technique { id } score reasons { weight factor } }
    excluded { technique { id } contraindications { severity } conflicts { kind } }
  }
}`;

describe('tailoring: the fit', () => {
  const profiles = Array.from({ length: 25 }, (_, i) => randomProfile(prng(1000 + i)));

  it('never recommends a technique with an ABSOLUTE contraindication for the profile, and explains every exclusion', async () => {
    for (const profile of profiles) {
      const d = await data(TAILOR, { p: profile });
      for (const r of d.tailor.recommendations) {
        const t = byId.get(r.technique.id)!;
        const absolute = t.contraindications.filter((c) => c.severity === 'ABSOLUTE' && applies(c.contraindication, profile));
        expect(absolute, `${t.id} for ${JSON.stringify(profile)}`).toEqual([]);
        if (profile.format) expect(t.formats).toContain(profile.format);
        // The score is exactly the sum of its reasons.
        const sum = r.reasons.reduce((s: number, x: { weight: number }) => s + x.weight, 0);
        expect(r.score).toBeCloseTo(sum, 2);
      }
      for (const e of d.tailor.excluded) {
        expect(e.contraindications.length + e.conflicts.length).toBeGreaterThan(0);
        for (const c of e.contraindications) expect(c.severity).toBe('ABSOLUTE');
      }
    }
  });

  it('scores every technique of the graph as the sum of its full reasons, whatever the profile touches (the fit index is exact)', async () => {
    // The fit runs the matching rules once per class of traits and the target rules only where the profile meets a
    // technique's targets or contraindications (src/reasoning/fit-index.ts); a recommendation's reasons are found
    // by running every rule on the technique itself. So: score = sum of reasons, tier as the reasons say, cautions
    // and exclusions as the contraindications say, for every technique, every profile and base here.
    const { db, close } = testDb();
    try {
      const targets = [...new Set(techniques.flatMap((t) => t.targets.map((x) => x.target.id)))].sort();
      const rand = prng(77);
      const cases = Array.from({ length: 30 }, (_, i) => {
        const profile = randomProfile(rand);
        if (i % 2) profile.targets = targets.filter(() => rand() < 0.1);
        return { profile, base: [undefined, 'person-centered-therapy', 'psychodynamic-therapy', 'cognitive-behavioral-therapy'][i % 4] };
      });
      const tierOf = (factors: string[]) => (factors.includes('INDICATION') ? 'INDICATED' : factors.includes('TARGET') ? 'TARGETED' : 'MATCHED');
      for (const { profile, base } of cases) {
        const at = `${JSON.stringify(profile)} on ${base ?? 'no base'}`;
        const result = await fit(createContext(db), profile as Profile, base);
        const seen = new Set<string>();
        for (const r of result.recommendations) {
          seen.add(r.technique.id);
          const weights = r.reasons.map((x) => x.weight);
          expect(r.score, `${r.technique.id} for ${at}`).toBe(Math.round(weights.reduce((a, b) => a + b, 0) * 1000) / 1000);
          expect(r.tier, `${r.technique.id} for ${at}`).toBe(tierOf(r.reasons.map((x) => x.factor)));
          const t = byId.get(r.technique.id)!;
          const applying = t.contraindications.filter((c) => applies(c.contraindication, profile));
          expect(
            applying.filter((c) => c.severity === 'ABSOLUTE'),
            at,
          ).toEqual([]);
          expect(r.cautions.map((c) => c.contraindication.id).sort(), `${r.technique.id} for ${at}`).toEqual(applying.map((c) => c.contraindication.id).sort());
        }
        for (const e of result.excluded) seen.add(e.technique.id);
        for (const t of techniques) {
          if (seen.has(t.id)) continue;
          expect(profile.format && !t.formats.includes(String(profile.format)), `${t.id} is missing for ${at}`).toBe(true);
        }
        const key = (r: (typeof result.recommendations)[number]) => [['INDICATED', 'TARGETED', 'MATCHED'].indexOf(r.tier), -r.score];
        for (let i = 1; i < result.recommendations.length; i++) {
          const [a, b] = [key(result.recommendations[i - 1]), key(result.recommendations[i])];
          expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `order at ${i} for ${at}`).toBe(true);
        }
      }
    } finally {
      await close();
    }
  });

  it('with a base model, excludes techniques that contradict the base\u2019s tenets', async () => {
    const expected = await expectedIncompatible('person-centered-therapy');
    const d = await data(TAILOR, { p: {}, b: 'person-centered-therapy' });
    for (const r of d.tailor.recommendations) expect(expected.has(r.technique.id), r.technique.id).toBe(false);
    const excluded = d.tailor.excluded.filter((e: { conflicts: unknown[] }) => e.conflicts.length).map((e: { technique: { id: string } }) => e.technique.id);
    expect(excluded.length).toBeGreaterThan(0);
    for (const id of excluded) expect(expected.has(id)).toBe(true);
  });

  it('is deterministic: the same input gives the same order', async () => {
    // Traced requests skip both read caches, so every answer here is computed afresh from the graph (a repeated
    // plain request would be the first answer served again from memory, equal by construction).
    const fresh = async (p: Record<string, unknown>) => {
      const r = await gql(TAILOR, { p }, { 'ipkg-trace': '1' });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.extensions?.roundTrips).toBeGreaterThan(0);
      return r.body.data;
    };
    const profile = profiles[3];
    const reordered = Object.fromEntries(Object.entries(profile).reverse());
    const [a, b, c] = await Promise.all([fresh(profile), fresh(profile), fresh(reordered)]);
    expect(a.tailor.recommendations.length).toBeGreaterThan(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('matches directiveness to reactance: for high reactance, non-directive techniques outrank directive ones', async () => {
    const d = await data(`{ tailor(profile: { reactance: HIGH }, first: 100) { recommendations { technique { id directiveness } } } }`);
    const rank = (level: string) => d.tailor.recommendations.findIndex((r: { technique: { directiveness: string } }) => r.technique.directiveness === level);
    expect(rank('LOW')).toBeGreaterThanOrEqual(0);
    expect(rank('LOW')).toBeLessThan(rank('HIGH') === -1 ? Infinity : rank('HIGH'));
  });

  it('cites the meta-analytic effect size behind each matching rule, read from the graph', async () => {
    const d = await data(`{
      tailor(profile: { reactance: HIGH, copingStyle: EXTERNALIZING, stageOfChange: ACTION }, first: 30) {
        recommendations { reasons { factor weight effectSize { metric value source { id } } clientFactor { id } } }
      }
      clientFactors { id effectSizes { value } }
    }`);
    const reasons = d.tailor.recommendations.flatMap((r: { reasons: any[] }) => r.reasons);
    for (const factor of ['REACTANCE', 'COPING_STYLE', 'STAGE_OF_CHANGE']) {
      const rs = reasons.filter((x: { factor: string }) => x.factor === factor);
      expect(rs.length, factor).toBeGreaterThan(0);
      for (const r of rs) {
        const node = d.clientFactors.find((c: { id: string }) => c.id === r.clientFactor.id);
        expect(r.effectSize.value).toBe(node.effectSizes[0].value);
        // The weight rests on that effect size (src/reasoning/weights.ts): a whole multiple of half of it (the full
        // size, half for a partial match, half per stage of distance for a stage mismatch).
        const halves = Math.abs(r.weight) / (r.effectSize.value / 2);
        expect(halves).toBeGreaterThan(0.999);
        expect(Math.abs(halves - Math.round(halves))).toBeLessThan(1e-6);
      }
    }
  });

  it('an empty profile is valid; an invalid enum is BAD_USER_INPUT naming the field', async () => {
    const ok = await gql(`{ tailor(profile: {}) { recommendations { score } } }`);
    expect(ok.body.errors).toBeUndefined();
    const literal = await gql(`{ tailor(profile: { reactance: EXTREME }) { recommendations { score } } }`);
    expect(literal.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.body.errors?.[0].extensions?.field).toBe('profile.reactance');
    const variable = await gql(`query($p: ClientProfileInput!) { tailor(profile: $p) { recommendations { score } } }`, { p: { reactance: 'EXTREME' } });
    expect(variable.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(String(variable.body.errors?.[0].extensions?.field)).toContain('reactance');
  });
});

describe('plans: hierarchy and sequencing', () => {
  const VALIDATE = `query($s: [ID!]!, $p: ClientProfileInput, $b: ID) { validatePlan(steps: $s, profile: $p, baseModelId: $b) { valid violations { kind stepIndex technique { id } message path { text } } } }`;

  it('reversing a valid stabilisation-then-processing plan produces a SEQUENCE violation', async () => {
    const only = (t: TechniqueFacts, phase: string) => t.phases.length > 0 && t.phases.every((p) => p.id === phase);
    const free = (t: TechniqueFacts) => t.requires.length === 0 && t.follows.length === 0;
    const stab = techniques.filter((t) => only(t, 'stabilization') && free(t));
    const proc = techniques.filter((t) => only(t, 'processing') && free(t));
    expect(stab.length).toBeGreaterThan(0);
    expect(proc.length).toBeGreaterThan(0);
    for (const [s, p] of [
      [stab[0], proc[0]],
      [stab.at(-1)!, proc.at(-1)!],
    ]) {
      const forward = await data(VALIDATE, { s: [s.id, p.id] });
      expect(forward.validatePlan.valid).toBe(true);
      const reversed = await data(VALIDATE, { s: [p.id, s.id] });
      expect(reversed.validatePlan.valid).toBe(false);
      const v = reversed.validatePlan.violations.find((x: { kind: string }) => x.kind === 'SEQUENCE');
      expect(v.stepIndex).toBe(0);
      expect(v.path.text).toContain('PRECEDES');
    }
  });

  it('a missing hard prerequisite is MISSING_PREREQUISITE naming it; present but later is SEQUENCE; first fixes it', async () => {
    const t = techniques.find((x) => x.requires.length > 0)!;
    const need = t.requires.map((r) => r.technique.id);
    const MISSING = VALIDATE.replace('technique { id }', 'technique { id } missing { id }');
    const bad = await data(MISSING, { s: [t.id] });
    const missing = bad.validatePlan.violations.filter((v: { kind: string }) => v.kind === 'MISSING_PREREQUISITE');
    expect(missing.map((v: { missing: { id: string } }) => v.missing.id).sort()).toEqual([...need].sort());
    expect(bad.validatePlan.violations.some((v: { kind: string; message: string }) => v.kind === 'SEQUENCE' && v.message.includes('requires'))).toBe(false);
    const late = await data(MISSING, { s: [t.id, ...need] });
    expect(late.validatePlan.violations.some((v: { kind: string; message: string }) => v.kind === 'SEQUENCE' && v.message.includes('requires'))).toBe(true);
    expect(late.validatePlan.violations.some((v: { kind: string }) => v.kind === 'MISSING_PREREQUISITE')).toBe(false);
    const fixed = await data(VALIDATE, { s: [...need, t.id] });
    expect(fixed.validatePlan.violations.some((v: { message: string }) => v.message.includes('requires'))).toBe(false);
  });

  it('flags ABSOLUTE contraindications and base-model contradictions', async () => {
    const t = techniques.find((x) => x.contraindications.some((c) => c.severity === 'ABSOLUTE' && c.contraindication.risk))!;
    const risk = t.contraindications.find((c) => c.severity === 'ABSOLUTE' && c.contraindication.risk)!.contraindication.risk;
    const d = await data(VALIDATE, { s: [t.id], p: { risks: [risk] } });
    expect(d.validatePlan.violations.map((v: { kind: string }) => v.kind)).toContain('CONTRAINDICATION');
    const c = await data(VALIDATE, { s: ['transference-interpretation'], b: 'behavior-therapy' });
    expect(c.validatePlan.violations.map((v: { kind: string }) => v.kind)).toContain('CONTRADICTION');
  });

  it('rejects more than 50 steps and unknown ids', async () => {
    const long = await gql(VALIDATE, { s: Array(51).fill('grounding') });
    expect(long.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.body.errors?.[0].extensions?.field).toBe('steps');
    const unknown = await gql(VALIDATE, { s: ['grounding', 'no-such-technique'] });
    expect(unknown.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(unknown.body.errors?.[0].message).toContain('no-such-technique');
  });

  it('every proposed plan validates for the same profile and base, with phases in order', async () => {
    const rand = prng(42);
    const bases = [null, 'cognitive-behavioral-therapy', 'psychodynamic-therapy', 'dialectical-behavior-therapy'];
    for (let i = 0; i < 16; i++) {
      const profile = randomProfile(rand);
      const base = bases[i % bases.length];
      const d = await data(
        `query($p: ClientProfileInput!, $b: ID) { planTreatment(profile: $p, baseModelId: $b) { stepIds phases { phase { order } steps { technique { id } rationale } } validation { valid } } }`,
        { p: profile, b: base },
      );
      const plan = d.planTreatment;
      expect(plan.validation.valid).toBe(true);
      const orders = plan.phases.map((p: { phase: { order: number } }) => p.phase.order);
      expect([...orders].sort()).toEqual(orders);
      expect(plan.phases.flatMap((p: { steps: { technique: { id: string } }[] }) => p.steps.map((s) => s.technique.id))).toEqual(plan.stepIds);
      const check = await data(VALIDATE, { s: plan.stepIds, p: profile, b: base });
      expect(check.validatePlan.valid, JSON.stringify({ profile, base, violations: check.validatePlan.violations })).toBe(true);
    }
  });

  it('a plan for a client at risk starts with stabilisation', async () => {
    const d = await data(
      `{ planTreatment(profile: { risks: [RECENT_SELF_HARM], emotionalReactivity: HIGH }) { phases { phase { id } steps { technique { id } } } } }`,
    );
    expect(d.planTreatment.phases[0].phase.id).toBe('stabilization');
    expect(d.planTreatment.phases[0].steps.length).toBeGreaterThan(0);
  });
});

describe('multimodal plan', () => {
  it('matches each problem to techniques that target its modality', async () => {
    const problems = [
      { modality: 'behavior', problem: 'avoids leaving the house' },
      { modality: 'cognition', problem: 'catastrophic predictions' },
      { modality: 'interpersonal', problem: 'withdraws from friends' },
    ];
    const d = await data(
      `query($p: [ModalityProblemInput!]!) { multimodalPlan(problems: $p) { items { modality { id } problem techniques { technique { id } path { text } } } } }`,
      { p: problems },
    );
    expect(d.multimodalPlan.items.map((i: { problem: string }) => i.problem)).toEqual(problems.map((p) => p.problem));
    for (const item of d.multimodalPlan.items) {
      expect(item.techniques.length).toBeGreaterThan(0);
      for (const { technique } of item.techniques) expect(byId.get(technique.id)!.modalities.map((m) => m.id)).toContain(item.modality.id);
    }
  });

  it('puts the techniques that address a given target first, with the ADDRESSES path', async () => {
    const target = 'worry';
    const addressing = techniques.filter((t) => t.targets.some((x) => x.target.id === target)).map((t) => t.id);
    expect(addressing.length).toBeGreaterThan(1);
    const d = await data(
      `query($p: [ModalityProblemInput!]!) { multimodalPlan(problems: $p, perProblem: 2) { items { target { id } techniques { technique { id } path { text } } } } }`,
      {
        p: [{ modality: 'cognition', target }],
      },
    );
    const [item] = d.multimodalPlan.items;
    expect(item.target.id).toBe(target);
    for (const t of item.techniques) {
      expect(addressing).toContain(t.technique.id);
      expect(t.path.text).toContain('-ADDRESSES->');
    }
  });

  it('matches a free-text problem to the target whose name it uses', async () => {
    const d = await data(
      `{ multimodalPlan(problems: [{ modality: "cognition", problem: "constant worrying about the future" }]) { items { target { id } } } }`,
    );
    expect(d.multimodalPlan.items[0].target?.id).toBe('worry');
  });

  it('a problem needs a text or a target', async () => {
    const r = await gql(`{ multimodalPlan(problems: [{ modality: "cognition" }]) { explanation } }`);
    expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('what techniques are for: targets and indications', () => {
  it('every technique addresses at least one target, and every target has a modality', async () => {
    expect(techniques.filter((t) => t.targets.length === 0).map((t) => t.id)).toEqual([]);
    const d = await data(`{ targets { id modalities { id } techniques { technique { id } sources { id } } } }`);
    expect(d.targets.length).toBeGreaterThanOrEqual(60);
    expect(d.targets.filter((t: { modalities: unknown[] }) => t.modalities.length === 0)).toEqual([]);
    const edges = d.targets.flatMap((t: { techniques: { sources: unknown[] }[] }) => t.techniques);
    expect(edges.length).toBeGreaterThanOrEqual(600);
    expect(edges.filter((e: { sources: unknown[] }) => e.sources.length === 0)).toEqual([]);
  });

  it('ranks techniques indicated for a profile risk first, then those addressing its targets, then the rest', async () => {
    const rand = prng(11);
    for (let i = 0; i < 12; i++) {
      const risk = RISKS[Math.floor(rand() * RISKS.length)];
      const withTargets = techniques.filter((t) => t.targets.length);
      const target = withTargets[Math.floor(rand() * withTargets.length)].targets[0].target.id;
      const profile = { ...randomProfile(rand), risks: [risk], targets: [target] };
      const d = await data(
        `query($p: ClientProfileInput!) { tailor(profile: $p, first: 100) { recommendations { technique { id } tier reasons { factor path { text } } } } }`,
        { p: profile },
      );
      const recs: { technique: { id: string }; tier: string; reasons: { factor: string; path: { text: string } | null }[] }[] = d.tailor.recommendations;
      const tierOf = (id: string) => {
        const f = byId.get(id)!;
        if (f.targets.some((x) => x.target.risks.includes(risk))) return 'INDICATED';
        return f.targets.some((x) => x.target.id === target) ? 'TARGETED' : 'MATCHED';
      };
      const rank = { INDICATED: 0, TARGETED: 1, MATCHED: 2 } as Record<string, number>;
      for (const r of recs) {
        expect(r.tier, `${r.technique.id} for ${risk}/${target}`).toBe(tierOf(r.technique.id));
        if (r.tier !== 'MATCHED')
          expect(r.reasons.some((x) => (x.factor === 'INDICATION' || x.factor === 'TARGET') && x.path?.text.includes('-ADDRESSES->'))).toBe(true);
      }
      for (let k = 1; k < recs.length; k++) expect(rank[recs[k - 1].tier]).toBeLessThanOrEqual(rank[recs[k].tier]);
    }
  });

  it('penalises a stage mismatch by its distance: action-oriented work falls for precontemplation and rises for action', async () => {
    const Q = `query($p: ClientProfileInput!) { tailor(profile: $p, first: 150) { recommendations { technique { id stages { stage } } score reasons { factor weight path { text } } } } }`;
    const [pre, act] = await Promise.all([data(Q, { p: { stageOfChange: 'PRECONTEMPLATION' } }), data(Q, { p: { stageOfChange: 'ACTION' } })]);
    const order = ['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE'];
    const distance = (stages: { stage: string }[], at: string) => Math.min(...stages.map((s) => Math.abs(order.indexOf(s.stage) - order.indexOf(at))));
    for (const { technique, reasons } of pre.tailor.recommendations) {
      const d = distance(technique.stages, 'PRECONTEMPLATION');
      // The stage reason (not the focus-target one, whose path runs through ADDRESSES) carries the distance.
      const stage = reasons.filter(
        (r: { factor: string; path: { text: string } | null }) => r.factor === 'STAGE_OF_CHANGE' && !r.path?.text.includes('-ADDRESSES->'),
      );
      expect(stage, technique.id).toHaveLength(1);
      expect(stage[0].weight, technique.id).toBeCloseTo(d === 0 ? 0.41 : -0.205 * d, 6);
    }
    // Action-oriented techniques (directive, suited from preparation on) are absent from the precontemplation top 10.
    const top10 = pre.tailor.recommendations.slice(0, 10).map((r: { technique: { id: string } }) => r.technique.id);
    for (const id of top10)
      expect(distance(pre.tailor.recommendations.find((r: { technique: { id: string } }) => r.technique.id === id).technique.stages, 'PRECONTEMPLATION')).toBe(
        0,
      );
    const actionOnly = act.tailor.recommendations.filter(
      (r: { technique: { stages: { stage: string }[] } }) => r.technique.stages[0]?.stage === 'PREPARATION' || r.technique.stages[0]?.stage === 'ACTION',
    );
    expect(actionOnly.length).toBeGreaterThan(0);
    for (const r of actionOnly) expect(r.score, r.technique.id).toBeGreaterThan(0);
  });
});

describe('the assimilation matrix', () => {
  it('agrees cell by cell with assimilationCheck and lists every pair once', async () => {
    const bases = ['person-centered-therapy', 'psychodynamic-therapy', 'behavior-therapy'];
    const ids = techniques.slice(0, 40).map((t) => t.id);
    const d = await data(
      `query($b: [ID!], $t: [ID!]) { assimilationMatrix(baseModelIds: $b, techniqueIds: $t) { baseModels { id } techniques { id } cells { baseModelId techniqueId compatible native reframed conflictKinds resolvedKinds } } }`,
      { b: bases, t: ids },
    );
    const m = d.assimilationMatrix;
    expect(m.cells).toHaveLength(bases.length * ids.length);
    expect(new Set(m.cells.map((c: { baseModelId: string; techniqueId: string }) => `${c.baseModelId}|${c.techniqueId}`)).size).toBe(m.cells.length);
    const rand = prng(5);
    for (let i = 0; i < 15; i++) {
      const c = m.cells[Math.floor(rand() * m.cells.length)];
      const v = (
        await data(
          `query($b: ID!, $t: ID!) { assimilationCheck(baseModelId: $b, techniqueId: $t) { compatible native reframing conflicts { kind resolvedByReframing } } }`,
          { b: c.baseModelId, t: c.techniqueId },
        )
      ).assimilationCheck;
      expect(c.compatible).toBe(v.compatible);
      expect(c.native).toBe(v.native);
      expect(c.reframed).toBe(v.reframing !== null);
      const kinds = (resolved: boolean) =>
        [
          ...new Set(v.conflicts.filter((x: { resolvedByReframing: boolean }) => x.resolvedByReframing === resolved).map((x: { kind: string }) => x.kind)),
        ].sort();
      expect(c.conflictKinds).toEqual(kinds(false));
      expect(c.resolvedKinds).toEqual(kinds(true));
    }
  });

  it('a stance conflict runs through the technique\u2019s attributes and a STANCE tenet, and no re-reading resolves a mechanism contradiction', async () => {
    const d = await data(
      `{ assimilationCheck(baseModelId: "person-centered-therapy", techniqueId: "flooding") { compatible conflicts { kind attributes mechanism { id } tenet { id kind } path { text steps { sources { id } } } } explanation } }`,
    );
    const stance = d.assimilationCheck.conflicts.filter((c: { kind: string }) => c.kind === 'STANCE_CONTRADICTS_TENET');
    expect(d.assimilationCheck.compatible).toBe(false);
    expect(stance.length).toBeGreaterThan(0);
    for (const c of stance) {
      expect(c.mechanism).toBeNull();
      expect(c.tenet.kind).toBe('STANCE');
      expect(c.attributes.length).toBeGreaterThan(0);
      expect(c.path.text).toMatch(/^Flooding -CLASHES_WITH_STANCE-> .* <-HOLDS- Person-centred therapy$/);
      for (const step of c.path.steps) expect(step.sources.length).toBeGreaterThan(0);
    }
    // Over a sample of bases: a re-read technique may still be refused, but only for a direct mechanism contradiction.
    for (const base of BASES) {
      const m = (
        await data(`query($b: [ID!]) { assimilationMatrix(baseModelIds: $b) { cells { compatible reframed native conflictKinds resolvedKinds } } }`, {
          b: [base],
        })
      ).assimilationMatrix;
      for (const c of m.cells) {
        if (c.reframed && !c.compatible) expect(c.conflictKinds).toEqual(['MECHANISM_CONTRADICTS_TENET']);
        expect(c.resolvedKinds).not.toContain('MECHANISM_CONTRADICTS_TENET');
      }
    }
  });
});

describe('the coherence rule reads the graph as its patterns say', () => {
  // src/reasoning/assimilation.ts joins the base's side (cypher/assimilation-base) with the mechanisms in each
  // technique profile in memory. The oracle, test/oracles/assimilation-paths.cypher, is the whole pattern match
  // in one Cypher query (what the service ran until the join was faster): on the whole graph, for every base and
  // every technique, the two must give the same verdicts. Straight to the database: the API pages and ranks.
  const oracle = readFileSync(new URL('./oracles/assimilation-paths.cypher', import.meta.url), 'utf8');
  // Nodes as their ids: the oracle projects id and name, the profiles carry more of the technique.
  const plain = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(plain)
      : v !== null && typeof v === 'object'
        ? '__label' in v
          ? (v as Record<string, unknown>).id
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
        : v;

  it('the in-memory join gives the verdicts of the whole pattern query, for every base model', async () => {
    const { db, driver, close } = testDb();
    try {
      const bases = (await db.read('list-by-label', { label: 'Model' })).map((r) => r.node.id);
      expect(bases.length).toBeGreaterThan(40);
      let conflicts = 0;
      let compatible = 0;
      let incompatible = 0;
      for (const base of bases) {
        const { records } = await driver.executeQuery(oracle, { baseModelId: base, techniqueIds: null, includeNative: true, onlyCompatible: false });
        const expected = records.map((r) => verdict(r.toObject() as AssimilationRow));
        const actual = await verdicts(createContext(db), base, null, { includeNative: true });
        expect([base, plain(actual)]).toEqual([base, plain(expected)]);
        conflicts += expected.reduce((n, v) => n + v.conflicts.length, 0);
        compatible += expected.filter((v) => v.compatible).length;
        incompatible += expected.filter((v) => !v.compatible).length;
      }
      // Every kind of path, and both outcomes, exercised many times over.
      expect(conflicts).toBeGreaterThan(bases.length * 10);
      expect(compatible).toBeGreaterThan(bases.length * 50);
      expect(incompatible).toBeGreaterThan(bases.length);
    } finally {
      await close();
    }
  });
});

describe('round trips are bounded whatever the size of the answer', () => {
  it.each([
    [
      'assimilableTechniques',
      `{ assimilableTechniques(baseModelId: "psychodynamic-therapy", first: 100) { technique { id models { id } } conflicts { kind } } }`,
    ],
    [
      'tailor',
      `{ tailor(profile: { reactance: HIGH, risks: [ACUTE_SUICIDALITY] }, baseModelId: "cognitive-behavioral-therapy", first: 50) { recommendations { technique { id } reasons { sources { id } } } } }`,
    ],
    ['planTreatment', `{ planTreatment(profile: { stageOfChange: ACTION }) { stepIds } }`],
    ['validatePlan', `{ validatePlan(steps: ["grounding", "safety-planning", "in-vivo-exposure"], baseModelId: "psychodynamic-therapy") { valid } }`],
  ])('%s', async (_name, query) => {
    expect(await trips(query)).toBeLessThanOrEqual(6);
  });
});
