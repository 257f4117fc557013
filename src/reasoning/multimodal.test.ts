import { describe, expect, it } from 'vitest';
import type { NodeMap } from './graph.js';
import { matchProblems, matchTarget, words, type ModalityRow } from './multimodal.js';

/** Multimodal Therapy's problem-to-technique matching on hand-made rows (what cypher/multimodal-plan.cypher returns). */

const node = (__label: string, id: string, extra: Record<string, unknown> = {}): NodeMap => ({
  __label,
  id,
  name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  sources: ['s'],
  evidence: 'THEORETICAL',
  ...extra,
});
const cited = { sources: ['s'], evidence: 'THEORETICAL' };
const worry = node('Target', 'worry');

type Candidate = ModalityRow['techniques'][number];
const candidate = (id: string, opts: Partial<Omit<Candidate, 'technique'>> & { evidence?: string } = {}): Candidate => ({
  technique: node('Technique', id, opts.evidence ? { evidence: opts.evidence } : {}),
  targetsModality: true,
  multimodal: false,
  modalityCount: 2,
  addresses: [],
  ...cited,
  ...opts,
});
const row = (techniques: Candidate[], index = 0): ModalityRow => ({
  index,
  modality: node('Modality', 'cognition', { name: 'Cognition' }),
  techniques,
  modalityTargets: [],
});
const ranked = (r: ModalityRow, targets: Array<NodeMap | null> = [null], perProblem = 10, excluded = new Set<string>()) =>
  matchProblems([r], [{ problem: 'I worry' }], targets, perProblem, excluded)[0].techniques.map((t) => t.technique.id);

describe('matchProblems', () => {
  it('ranks techniques of Multimodal Therapy\u2019s own repertoire first, then the more modality-specific, then evidence, then id', () => {
    const r = row([
      candidate('z-broad', { modalityCount: 5 }),
      candidate('y-specific', { modalityCount: 1 }),
      candidate('x-mmt', { multimodal: true, modalityCount: 7 }),
      candidate('b-strong', { modalityCount: 5, evidence: 'RCT' }),
      candidate('a-broad', { modalityCount: 5 }),
    ]);
    expect(ranked(r)).toEqual(['x-mmt', 'y-specific', 'b-strong', 'a-broad', 'z-broad']);
  });

  it('with a target, puts the techniques that address it first, even outside the modality', () => {
    const r = row([
      candidate('in-modality', { multimodal: true }),
      candidate('addresses-worry', { targetsModality: false, addresses: [{ target: worry, ...cited }] }),
      candidate('neither', { targetsModality: false }),
    ]);
    expect(ranked(r, [worry])).toEqual(['addresses-worry', 'in-modality']);
    // without the target, a technique outside the modality is not offered at all
    expect(ranked(r, [null])).toEqual(['in-modality']);
  });

  it('gives each technique a reason and the cited path that justifies it', () => {
    const r = row([candidate('reframing', { multimodal: true }), candidate('worry-time', { addresses: [{ target: worry, sources: ['w'], evidence: 'RCT' }] })]);
    const [m] = matchProblems([r], [{ problem: 'I worry' }], [worry], 5, new Set());
    expect(m.problem).toBe('I worry');
    expect(m.target).toBe(worry);
    expect(m.techniques[0].reason).toBe('Worry time addresses worry, in the cognition modality.');
    expect(m.techniques[0].path.text).toBe('Worry time -ADDRESSES-> Worry');
    expect(m.techniques[0].path.steps[0]).toMatchObject({ sources: ['w'], evidence: 'RCT' });
    expect(m.techniques[1].reason).toBe('Reframing targets the cognition modality and belongs to Multimodal Therapy\u2019s own repertoire.');
    expect(m.techniques[1].path.text).toBe('Reframing -TARGETS-> Cognition');
  });

  it('skips excluded techniques and keeps at most perProblem', () => {
    const r = row([candidate('a'), candidate('b'), candidate('c'), candidate('d')]);
    expect(ranked(r, [null], 2)).toEqual(['a', 'b']);
    expect(ranked(r, [null], 2, new Set(['a']))).toEqual(['b', 'c']);
  });

  it('answers each row for its own problem and target, by index', () => {
    const rows = [row([candidate('for-sleep')], 1), row([candidate('for-worry', { addresses: [{ target: worry, ...cited }] })], 0)];
    const out = matchProblems(rows, [{ problem: 'worry', target: 'worry' }, { problem: 'sleep' }], [worry, null], 3, new Set());
    expect(out.map((m) => [m.problem, m.target?.id ?? null])).toEqual([
      ['sleep', null],
      ['worry', 'worry'],
    ]);
  });
});

describe('words', () => {
  it('lower-cases, drops stop words and one-letter words, and stems lightly', () => {
    expect(words('I feel WORRYING about my Memories')).toEqual(['worry', 'memory']);
    expect(words('Behaviour problems')).toEqual(['behavior']);
  });

  it('folds accents and splits on anything that is not a letter or digit', () => {
    expect(words('Café-anxiété/2nd')).toEqual(['cafe', 'anxiete', '2nd']);
  });
});

describe('matchTarget', () => {
  const targets = [
    node('Target', 'worry', { name: 'Excessive worry', aliases: ['rumination'] }),
    node('Target', 'sleep', { name: 'Sleep problems', aliases: ['insomnia'] }),
    node('Target', 'panic', { name: 'Panic attacks' }),
    node('Target', 'panic-agoraphobia', { name: 'Panic with agoraphobia' }),
  ];

  it('finds the target whose name or alias shares the most content words', () => {
    expect(matchTarget('I keep worrying all night', targets)?.id).toBe('worry');
    expect(matchTarget('chronic insomnia', targets)?.id).toBe('sleep');
    expect(matchTarget('rumination', targets)?.id).toBe('worry');
  });

  it('breaks a tie on words matched by the share of the target\u2019s words matched', () => {
    // "panic" hits both panic targets once; "Panic attacks" has 2 content words, "Panic with agoraphobia" 2 as well,
    // so the share ties too and the id decides
    expect(matchTarget('panic', targets)?.id).toBe('panic');
    expect(matchTarget('panic attacks', targets)?.id).toBe('panic');
    expect(matchTarget('panic agoraphobia', targets)?.id).toBe('panic-agoraphobia');
  });

  it('answers null when no content word is shared, and does not depend on the candidates\u2019 order', () => {
    expect(matchTarget('the and of', targets)).toBeNull();
    expect(matchTarget('unrelated trouble', targets)).toBeNull();
    expect(matchTarget('panic', [...targets].reverse())?.id).toBe('panic');
  });
});
