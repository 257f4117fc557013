import { describe, expect, it } from 'vitest';
import { TREE_DEPTH, treeLevels, type LinkSpec } from './loaders.js';

describe('treeLevels', () => {
  const root = { direction: 'OUT' as const, type: 'USES', label: 'Technique', fields: ['id', 'mechanisms'] };
  const leaf = (type: string) => ({ direction: 'OUT' as const, type, fields: ['id'] });

  it('lists the levels of a look-ahead tree, each naming its depth and the level it hangs from', () => {
    const levels = treeLevels(root, [{ ...leaf('ACTS_THROUGH'), below: [leaf('PRESUPPOSES')] }, leaf('TARGETS')]);
    expect(levels.map((l) => [l.depth, l.parent, l.spec.type])).toEqual([
      [0, -1, 'USES'],
      [1, 0, 'ACTS_THROUGH'],
      [2, 1, 'PRESUPPOSES'],
      [1, 0, 'TARGETS'],
    ]);
    expect(levels.every((l) => !('below' in l.spec))).toBe(true);
  });

  it(`stops ${TREE_DEPTH} levels below the key's own: deeper levels load themselves`, () => {
    const chain = (n: number): LinkSpec => (n === 0 ? leaf('L0') : { ...leaf(`L${n}`), below: [chain(n - 1)] });
    const levels = treeLevels(root, [chain(4)]);
    expect(levels.map((l) => l.spec.type)).toEqual(['USES', 'L4', 'L3']);
    expect(Math.max(...levels.map((l) => l.depth))).toBe(TREE_DEPTH);
  });
});
