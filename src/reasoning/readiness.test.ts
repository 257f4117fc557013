import { describe, expect, it } from 'vitest';
import type { NodeMap } from './graph.js';
import { readiness, stageDistance, type StagePath } from './readiness.js';

const node = (id: string, extra: Record<string, unknown> = {}): NodeMap => ({ __label: 'X', id, name: id, ...extra });
const serves: Record<string, [string, string[]]> = {
  'consciousness-raising': ['EXPERIENTIAL', ['PRECONTEMPLATION', 'CONTEMPLATION']],
  'self-reevaluation': ['EXPERIENTIAL', ['CONTEMPLATION', 'PREPARATION']],
  'self-liberation': ['BEHAVIORAL', ['PREPARATION', 'ACTION']],
  counterconditioning: ['BEHAVIORAL', ['ACTION', 'MAINTENANCE']],
  'dramatic-relief': ['EXPERIENTIAL', ['PRECONTEMPLATION', 'CONTEMPLATION']],
  'helping-relationships': ['BEHAVIORAL', ['ACTION', 'MAINTENANCE']],
};
const paths = (...processes: string[]): StagePath[] =>
  processes.flatMap((p) => serves[p][1].map((stage) => ({ process: node(p, { kind: serves[p][0] }), stage: node(stage.toLowerCase(), { stage }) })));
const technique = (directiveness: string, intensity: string) => node('t', { directiveness, intensity });

describe('readiness', () => {
  it('puts directive behavioural work from preparation on, however early its other processes serve', () => {
    const r = readiness(technique('HIGH', 'HIGH'), paths('counterconditioning', 'dramatic-relief'));
    expect(r.actionOriented).toBe(true);
    expect(r.stages).toEqual(['PREPARATION', 'ACTION', 'MAINTENANCE']);
    expect(stageDistance(r, 'PRECONTEMPLATION')).toBe(2);
    expect(stageDistance(r, 'ACTION')).toBe(0);
  });

  it('keeps emotionally demanding insight work out of precontemplation only', () => {
    const r = readiness(technique('MODERATE', 'HIGH'), paths('consciousness-raising', 'self-reevaluation'));
    expect(r.actionOriented).toBe(false);
    expect(r.stages).toEqual(['CONTEMPLATION', 'PREPARATION']);
    expect(stageDistance(r, 'PRECONTEMPLATION')).toBe(1);
    expect(stageDistance(r, 'MAINTENANCE')).toBe(2);
  });

  it('does not call non-directive relational work action-oriented', () => {
    const r = readiness(technique('LOW', 'LOW'), paths('helping-relationships', 'consciousness-raising'));
    expect(r.actionOriented).toBe(false);
    expect(r.stages).toEqual(['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE']);
  });

  it('does not count commitment (self-liberation) as action work: it serves preparation too', () => {
    const r = readiness(technique('MODERATE', 'LOW'), paths('self-liberation', 'consciousness-raising'));
    expect(r.actionOriented).toBe(false);
    expect(r.stages).toEqual(['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION']);
  });

  it('without recorded processes applies only the intensity rule', () => {
    expect(readiness(technique('HIGH', 'LOW'), []).stages).toHaveLength(5);
    const r = readiness(technique('HIGH', 'HIGH'), []);
    expect(r.stages).toEqual(['CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE']);
    expect(stageDistance(r, 'PRECONTEMPLATION')).toBe(1);
  });

  it('shrinks a range wholly below the floor to the floor stage', () => {
    const r = readiness(technique('MODERATE', 'HIGH'), paths('dramatic-relief'));
    expect(r.stages).toEqual(['CONTEMPLATION']);
  });
});
