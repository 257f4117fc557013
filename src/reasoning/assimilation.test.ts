import { describe, expect, it } from 'vitest';
import { assimilationRow, indexBase, rankAssimilable, verdict, type AssimilationRow, type ConflictKind } from './assimilation.js';
import type { NodeMap, Step } from './graph.js';

/** The metatheoretical-coherence rule on hand-made rows (what assimilationRow joins from cypher/assimilation-base and the technique profiles): no database. */

const node = (__label: string, id: string, extra: Record<string, unknown> = {}): NodeMap => ({
  __label,
  id,
  name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  ...extra,
});
const base = node('Model', 'base-model');
const step = (from: NodeMap, type: string, to: NodeMap): Step => ({ from, type, to, sources: ['s1'], evidence: 'THEORETICAL' });

function conflict(kind: ConflictKind, tenetId: string, reason: string | null = 'They disagree.') {
  const technique = node('Technique', 't');
  const mechanism = kind === 'STANCE_CONTRADICTS_TENET' ? null : node('Mechanism', `mech-${tenetId}`);
  const tenet = node('Tenet', tenetId);
  const presupposedTenet = kind === 'PRESUPPOSITION_CONTRADICTS_TENET' ? node('Tenet', `presupposed-${tenetId}`) : null;
  const steps =
    kind === 'STANCE_CONTRADICTS_TENET'
      ? [step(base, 'HOLDS', tenet)]
      : presupposedTenet
        ? [
            step(technique, 'ACTS_THROUGH', mechanism!),
            step(mechanism!, 'PRESUPPOSES', presupposedTenet),
            step(presupposedTenet, 'CONTRADICTS', tenet),
            step(base, 'HOLDS', tenet),
          ]
        : [step(technique, 'ACTS_THROUGH', mechanism!), step(mechanism!, 'CONTRADICTS', tenet), step(base, 'HOLDS', tenet)];
  return { kind, reason, mechanism, tenet, presupposedTenet, steps, ...(kind === 'STANCE_CONTRADICTS_TENET' ? { attributes: ['directiveness HIGH'] } : {}) };
}

function row(extra: Partial<AssimilationRow> = {}, technique: NodeMap = node('Technique', 't', { evidence: 'THEORETICAL', sources: ['s1'] })): AssimilationRow {
  return { technique, baseModel: base, native: false, direct: [], presupposition: [], stance: [], assimilation: null, ...extra };
}
const REREADING = { reframing: 'Read in the base theory, it works differently.', sources: ['s2'], evidence: 'THEORETICAL' };

describe('verdict', () => {
  it('without conflicts a technique assimilates, and says so', () => {
    const v = verdict(row());
    expect(v.compatible).toBe(true);
    expect(v.conflicts).toEqual([]);
    expect(v.reframing).toBeNull();
    expect(v.reframingPath).toBeNull();
    expect(v.explanation).toMatch(/can be assimilated into Base model/);
  });

  it('a technique the base already uses needs no assimilation', () => {
    const v = verdict(row({ native: true }));
    expect(v.compatible).toBe(true);
    expect(v.native).toBe(true);
    expect(v.explanation).toMatch(/already uses/);
  });

  it('a mechanism that contradicts a base tenet makes the technique incompatible, with the path that shows it', () => {
    const v = verdict(row({ direct: [conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-a')] }));
    expect(v.compatible).toBe(false);
    expect(v.conflicts).toHaveLength(1);
    expect(v.conflicts[0]).toMatchObject({ kind: 'MECHANISM_CONTRADICTS_TENET', resolvedByReframing: false, reason: 'They disagree.' });
    expect(v.conflicts[0].path.text).toBe('T -ACTS_THROUGH-> Mech tenet a -CONTRADICTS-> Tenet a <-HOLDS- Base model');
    expect(v.explanation).toMatch(/does not assimilate into Base model/);
    expect(v.explanation).toMatch(/cannot be resolved by re-reading/);
  });

  it('a curated re-reading cannot resolve a direct mechanism contradiction', () => {
    const v = verdict(row({ direct: [conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-a')], assimilation: REREADING }));
    expect(v.compatible).toBe(false);
    expect(v.conflicts[0].resolvedByReframing).toBe(false);
    expect(v.reframing).toBe(REREADING.reframing);
  });

  it.each(['PRESUPPOSITION_CONTRADICTS_TENET', 'STANCE_CONTRADICTS_TENET'] as const)('a re-reading resolves a %s conflict; without one it stands', (kind) => {
    const field = kind === 'STANCE_CONTRADICTS_TENET' ? 'stance' : 'presupposition';
    const without = verdict(row({ [field]: [conflict(kind, 'tenet-a')] }));
    expect(without.compatible).toBe(false);
    expect(without.explanation).toMatch(/No curated re-reading in the base theory resolves this yet/);

    const withIt = verdict(row({ [field]: [conflict(kind, 'tenet-a')], assimilation: REREADING }));
    expect(withIt.compatible).toBe(true);
    expect(withIt.conflicts).toHaveLength(1);
    expect(withIt.conflicts[0].resolvedByReframing).toBe(true);
    expect(withIt.explanation).toMatch(/resolved by the base theory's re-reading/);
    expect(withIt.explanation).toContain(REREADING.reframing);
  });

  it('the re-reading is returned as a cited ASSIMILATES_INTO path from the technique to the base', () => {
    const v = verdict(row({ assimilation: REREADING }));
    expect(v.reframingPath?.text).toBe('T -ASSIMILATES_INTO-> Base model');
    expect(v.reframingPath?.steps[0]).toMatchObject({ sources: ['s2'], evidence: 'THEORETICAL' });
  });

  it('a stance conflict names the clashing attributes', () => {
    const v = verdict(row({ stance: [conflict('STANCE_CONTRADICTS_TENET', 'tenet-a')] }));
    expect(v.conflicts[0].attributes).toEqual(['directiveness HIGH']);
    expect(v.conflicts[0].mechanism).toBeNull();
    expect(v.explanation).toMatch(/high directiveness clashes with the Base model stance/);
  });

  it('gives a conflict without a curated reason a reason of its own', () => {
    const v = verdict(row({ direct: [conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-a', null)] }));
    expect(v.conflicts[0].reason).toMatch(/is at odds with the tenet "Tenet a"/);
  });

  it('lists conflicts in path order, whatever order the rows came in', () => {
    const v = verdict(
      row({
        direct: [conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-c'), conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-a')],
        stance: [conflict('STANCE_CONTRADICTS_TENET', 'tenet-b')],
      }),
    );
    const texts = v.conflicts.map((c) => c.path.text);
    expect(texts).toEqual([...texts].sort((a, b) => a.localeCompare(b)));
    expect(v.conflicts).toHaveLength(3);
  });

  it('is compatible only when every conflict is resolved', () => {
    const v = verdict(
      row({
        presupposition: [conflict('PRESUPPOSITION_CONTRADICTS_TENET', 'tenet-a')],
        direct: [conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-b')],
        assimilation: REREADING,
      }),
    );
    expect(v.compatible).toBe(false);
    expect(v.conflicts.filter((c) => c.resolvedByReframing).map((c) => c.kind)).toEqual(['PRESUPPOSITION_CONTRADICTS_TENET']);
  });
});

describe('rankAssimilable', () => {
  const tech = (id: string, evidence: string, sources: number) =>
    node('Technique', id, { evidence, sources: Array.from({ length: sources }, (_, i) => `s${i}`) });

  it('keeps compatible, non-native techniques only', () => {
    const vs = [
      verdict(row({}, tech('ok', 'THEORETICAL', 1))),
      verdict(row({ native: true }, tech('native', 'THEORETICAL', 1))),
      verdict(row({ direct: [conflict('MECHANISM_CONTRADICTS_TENET', 'tenet-a')] }, tech('clash', 'THEORETICAL', 1))),
    ];
    expect(rankAssimilable(vs).map((v) => v.technique.id)).toEqual(['ok']);
  });

  it('orders curated re-readings first, then evidence level, then number of sources, then id', () => {
    const vs = [
      verdict(row({}, tech('z-weak', 'EXPERT_OPINION', 5))),
      verdict(row({}, tech('b-rct-few', 'RCT', 1))),
      verdict(row({}, tech('c-rct-many', 'RCT', 3))),
      verdict(row({}, tech('a-rct-few', 'RCT', 1))),
      verdict(row({ assimilation: REREADING }, tech('y-reread', 'EXPERT_OPINION', 0))),
    ];
    expect(rankAssimilable(vs).map((v) => v.technique.id)).toEqual(['y-reread', 'c-rct-many', 'a-rct-few', 'b-rct-few', 'z-weak']);
    expect(rankAssimilable([...vs].reverse()).map((v) => v.technique.id)).toEqual(['y-reread', 'c-rct-many', 'a-rct-few', 'b-rct-few', 'z-weak']);
  });
});

describe('assimilationRow: the join of a base with the mechanisms a technique acts through', () => {
  const cited = { sources: ['s1'], evidence: 'THEORETICAL' };
  const tenet = node('Tenet', 'held-tenet');
  const presupposed = node('Tenet', 'presupposed-tenet');
  const stanceTenet = node('Tenet', 'non-directive-stance');
  const facts = {
    baseModel: base,
    against: [{ mechanismId: 'clashing-mechanism', reason: 'It contradicts.', tenet, contradicts: cited, holds: cited }],
    clashes: [{ mechanismId: 'presupposing-mechanism', reason: 'They disagree.', presupposed, tenet, presupposes: cited, contradicts: cited, holds: cited }],
    stances: [{ tenet: stanceTenet, reason: 'Leads too much.', ...cited, excludesDirectiveness: ['HIGH'], excludesStructure: [], holds: cited }],
    usedIds: ['used'],
    rereadings: [{ techniqueId: 'reread', reframing: 'Read otherwise.', ...cited }],
  };
  const technique = (id: string, mechanisms: string[], directiveness = 'LOW') => ({
    technique: node('Technique', id, { directiveness, structure: 'LOW' }),
    mechanisms: mechanisms.map((m) => ({ mechanism: node('Mechanism', m), ...cited })),
  });
  const base_ = indexBase(facts);

  it('finds each kind of path only through the mechanisms and attributes that make it', () => {
    const r = assimilationRow(base_, technique('t', ['clashing-mechanism', 'presupposing-mechanism', 'harmless'], 'HIGH'));
    expect(r.direct.map((c) => c.steps.map((s) => `${s.from.id}-${s.type}->${s.to.id}`))).toEqual([
      ['t-ACTS_THROUGH->clashing-mechanism', 'clashing-mechanism-CONTRADICTS->held-tenet', 'base-model-HOLDS->held-tenet'],
    ]);
    expect(r.presupposition.map((c) => [c.mechanism?.id, c.presupposedTenet?.id, c.tenet.id])).toEqual([
      ['presupposing-mechanism', 'presupposed-tenet', 'held-tenet'],
    ]);
    expect(r.stance.map((c) => [c.tenet.id, c.attributes])).toEqual([['non-directive-stance', ['directiveness HIGH']]]);
    expect(verdict(r).compatible).toBe(false);
  });

  it('a technique through harmless mechanisms, low in directiveness, has no conflict; use and re-readings are looked up by id', () => {
    const r = assimilationRow(base_, technique('used', ['harmless']));
    expect([r.direct, r.presupposition, r.stance, r.native, r.assimilation]).toEqual([[], [], [], true, null]);
    expect(assimilationRow(base_, technique('reread', ['presupposing-mechanism'])).assimilation?.reframing).toBe('Read otherwise.');
    expect(verdict(assimilationRow(base_, technique('reread', ['presupposing-mechanism']))).compatible).toBe(true);
  });
});
