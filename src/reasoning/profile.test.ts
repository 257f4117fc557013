import { describe, expect, it } from 'vitest';
import type { NodeMap } from './graph.js';
import { conditionApplies, conditionKeys, focusKey, profileKeys, targetKey, type Profile } from './profile.js';

/** The keys a fit indexes techniques by (src/reasoning/fit-index.ts) must find every condition that applies. */

const condition = (extra: Record<string, unknown>): NodeMap => ({ __label: 'Contraindication', id: 'c', name: 'C', ...extra });

const CONDITIONS: NodeMap[] = [
  condition({ risk: 'ACUTE_SUICIDALITY' }),
  condition({ risk: 'RECENT_SELF_HARM' }),
  condition({ profileField: 'emotionalReactivity', profileValues: ['HIGH'] }),
  condition({ profileField: 'relationalStyle', profileValues: ['ANXIOUS', 'DISORGANIZED'] }),
  condition({ profileField: 'format', profileValues: ['GROUP'] }),
  condition({ risk: 'ACTIVE_PSYCHOSIS', profileField: 'reactance', profileValues: ['HIGH'] }),
  condition({}),
];
const PROFILES: Profile[] = [
  {},
  { risks: ['ACUTE_SUICIDALITY'] },
  { risks: ['RECENT_SELF_HARM', 'ACTIVE_PSYCHOSIS'], emotionalReactivity: 'HIGH' },
  { emotionalReactivity: 'LOW', relationalStyle: 'DISORGANIZED', format: 'GROUP' },
  { relationalStyle: 'SECURE', reactance: 'HIGH', format: 'INDIVIDUAL', risks: [] },
  { reactance: 'LOW', stageOfChange: 'ACTION', targets: ['emotion-dysregulation'] },
];

describe('profile keys', () => {
  it('a condition applies to a profile exactly when they share a key', () => {
    let applying = 0;
    for (const c of CONDITIONS)
      for (const p of PROFILES) {
        const keys = profileKeys(p);
        const shared = conditionKeys(c).some((k) => keys.has(k));
        expect(shared, `${JSON.stringify(c)} / ${JSON.stringify(p)}`).toBe(conditionApplies(c, p));
        if (shared) applying += 1;
      }
    expect(applying).toBeGreaterThan(4);
  });

  it('a profile also carries its targets and the focus of its stage, which no condition does', () => {
    const keys = profileKeys({ stageOfChange: 'PRECONTEMPLATION', targets: ['ambivalence-about-change'] });
    expect(keys.has(targetKey('ambivalence-about-change'))).toBe(true);
    expect(keys.has(focusKey('PRECONTEMPLATION'))).toBe(true);
    for (const c of CONDITIONS) for (const k of conditionKeys(c)) expect(keys.has(k)).toBe(false);
  });
});
