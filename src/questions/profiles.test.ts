import { describe, expect, it } from 'vitest';
import type { TechniqueProfile } from '../reasoning/tailoring.js';
import { contiguous, mentions, merge, touchedIds } from './profiles.js';

/** The pure parts of the incremental profile refresh; test/profiles.int.test.ts checks it against a full read. */

const node = (label: string, id: string) => ({ __label: label, id, name: id, __partial: true });
const profile = (id: string, extra: Partial<TechniqueProfile> = {}): TechniqueProfile => ({
  technique: node('Technique', id),
  mechanisms: [],
  contraindications: [],
  stagePaths: [],
  phases: [],
  modalities: [],
  addresses: [],
  requires: [],
  follows: [],
  ...extra,
});

describe('touchedIds', () => {
  it('an entity write touches its id; a relationship write both of its ends', () => {
    expect(
      touchedIds([
        { seq: 1, action: 'UPDATE_ENTITY', target: 'grounding' },
        { seq: 2, action: 'CREATE_RELATIONSHIP', target: 'exposure|HAS_CONTRAINDICATION|acute-psychosis' },
        { seq: 3, action: 'DELETE_RELATIONSHIP', target: 'grounding|ADDRESSES|panic' },
        { seq: 4, action: 'DELETE_ENTITY', target: 'old-technique' },
      ]),
    ).toEqual(['acute-psychosis', 'exposure', 'grounding', 'old-technique', 'panic']);
  });
  it('no writes, no ids', () => expect(touchedIds([])).toEqual([]));
});

describe('contiguous', () => {
  const e = (seq: number) => ({ seq, action: 'UPDATE_ENTITY', target: 'x' });
  it('accepts exactly the writes after the cached version up to the new one', () => expect(contiguous([e(5), e(6), e(7)], 4, 7)).toBe(true));
  it('refuses a gap (a version with no audit entry, e.g. a seed run)', () => expect(contiguous([e(5), e(7)], 4, 7)).toBe(false));
  it('refuses too few entries', () => expect(contiguous([e(5)], 4, 7)).toBe(false));
  it('refuses entries that do not start right after the cached version', () => expect(contiguous([e(6), e(7)], 5 - 1, 6)).toBe(false));
});

describe('mentions', () => {
  it('every node map in the profile, not source keys', () => {
    const p = profile('exposure', {
      contraindications: [
        { contraindication: node('Contraindication', 'psychosis'), severity: 'ABSOLUTE', reason: 'r', sources: ['beck-1979'], evidence: 'CONSENSUS' },
      ],
      stagePaths: [
        {
          process: node('ProcessOfChange', 'counterconditioning'),
          stage: node('StageOfChange', 'action'),
          employs: { sources: ['a'], evidence: 'RCT' },
          serves: { sources: ['b'], evidence: 'RCT' },
        },
      ],
      addresses: [
        {
          target: node('Target', 'panic'),
          sources: ['c'],
          evidence: 'RCT',
          focus: [{ stage: node('StageOfChange', 'preparation'), sources: ['d'], evidence: 'RCT' }],
        },
      ],
      requires: [{ technique: node('Technique', 'psychoeducation'), reason: null, sources: ['e'], evidence: 'RCT' }],
    } as Partial<TechniqueProfile>);
    expect([...mentions(p)].sort()).toEqual(['action', 'counterconditioning', 'exposure', 'panic', 'preparation', 'psychoeducation', 'psychosis']);
  });
});

describe('merge', () => {
  const base = [profile('a'), profile('b'), profile('c')];
  it('replaces refetched rows, keeps the rest, in id order', () => {
    const b2 = profile('b', { phases: [{ phase: node('Phase', 'p'), sources: [], evidence: 'RCT' }] } as Partial<TechniqueProfile>);
    const out = merge(base, [b2], new Set(['b']));
    expect(out.map((p) => p.technique.id)).toEqual(['a', 'b', 'c']);
    expect(out[1]).toBe(b2);
    expect(out[0]).toBe(base[0]);
  });
  it('drops a refetched id that came back without a row (deleted), adds a new one in order', () => {
    expect(merge(base, [profile('ab')], new Set(['c', 'ab'])).map((p) => p.technique.id)).toEqual(['a', 'ab', 'b']);
  });
  it('ignores rows that were not asked for', () => {
    expect(merge(base, [profile('z')], new Set()).map((p) => p.technique.id)).toEqual(['a', 'b', 'c']);
  });
});
