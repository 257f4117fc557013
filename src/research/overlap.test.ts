import { describe, expect, it } from 'vitest';
import { compareProfiles, compareSets, overlapMatrix, type Profile } from './overlap.js';

const profile = (p: Partial<Profile>): Profile => ({ TECHNIQUES: [], MECHANISMS: [], MODALITIES: [], TENETS: [], COMMON_FACTORS: [], ...p });

describe('overlap', () => {
  it('computes shared, one-sided items and Jaccard, ignoring duplicates', () => {
    expect(compareSets(['b', 'a', 'c', 'a'], ['d', 'c', 'b'])).toEqual({ shared: ['b', 'c'], onlyA: ['a'], onlyB: ['d'], jaccard: 2 / 4 });
  });

  it('leaves Jaccard undefined (null) when both sets are empty, and 0 when only one is', () => {
    expect(compareSets([], []).jaccard).toBeNull();
    expect(compareSets(['a'], []).jaccard).toBe(0);
  });

  it('pools dimensions for the overall index', () => {
    const a = profile({ TECHNIQUES: ['t1', 't2'], TENETS: ['x'] });
    const b = profile({ TECHNIQUES: ['t2'], TENETS: ['y'] });
    const o = compareProfiles(a, b);
    expect(o.dimensions.map((d) => d.dimension)).toEqual(['TECHNIQUES', 'MECHANISMS', 'MODALITIES', 'TENETS', 'COMMON_FACTORS']);
    expect(o.jaccard).toBe(1 / 4);
    expect(compareProfiles(profile({}), profile({})).jaccard).toBeNull();
  });

  it('builds a symmetric matrix with 1 on the diagonal where a model has items', () => {
    const m = overlapMatrix([profile({ TENETS: ['x', 'y'] }), profile({ TENETS: ['y'] }), profile({})], 'TENETS');
    expect(m.jaccard).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0],
      [0, 0, null],
    ]);
    expect(m.shared).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
  });
});
