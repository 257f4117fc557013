import { describe, expect, it } from 'vitest';
import { EXACT_ALIAS, EXACT_NAME, rank, snippetOf, SUGGEST, type Candidate } from './rank.js';

let seq = 0;
const c = (name: string, more: Partial<Candidate> = {}): Candidate => ({
  id: more.id ?? `e${seq++}`,
  label: 'Model',
  name,
  aliases: [],
  description: null,
  score: 1,
  ...more,
});
const order = (text: string, cs: Candidate[]) => rank(text, cs, 50).map((h) => h.candidate.name);

describe('rank: exact names and aliases win', () => {
  it('puts the exact name first, whatever the full-text score', () => {
    const cs = [c('Cognitive behavioural therapy', { score: 9 }), c('Cognitive therapy', { score: 1 }), c('Cognitive analytic therapy', { score: 5 })];
    expect(order('Cognitive therapy', cs)[0]).toBe('Cognitive therapy');
    expect(
      order('multimodal therapy', [c('Cognitive behavioural therapy', { description: 'multimodal therapy is…', score: 9 }), c('Multimodal therapy')])[0],
    ).toBe('Multimodal therapy');
  });

  it('ignores case, accents, spelling, hyphens and punctuation in an exact name', () => {
    const cs = [c('Person-centred therapy'), c('Person-centred expressive arts')];
    for (const text of ['person centered therapy', 'PERSON-CENTRED THERAPY', 'person–centred, therapy']) {
      const [top] = rank(text, cs, 5);
      expect(top.candidate.name, text).toBe('Person-centred therapy');
      expect(top.score).toBe(EXACT_NAME);
    }
    expect(rank('ost applied relaxation', [c('Applied relaxation', { aliases: ['Öst applied relaxation'] })], 1)[0].score).toBe(EXACT_ALIAS);
  });

  it('an exact alias beats names that merely contain it', () => {
    const cs = [c('DBT mindfulness skills'), c('DBT Prolonged Exposure protocol'), c('Dialectical behaviour therapy', { aliases: ['DBT'] })];
    const [top] = rank('DBT', cs, 5);
    expect(top.candidate.name).toBe('Dialectical behaviour therapy');
    expect(top.field).toBe('ALIAS');
    expect(top.snippet).toEqual({ text: 'DBT', highlights: [{ start: 0, length: 3 }] });
  });

  it('an exact name beats a book of the same title', () => {
    const cs = [c('Psychodrama', { label: 'Source', id: 'moreno-1946' }), c('Psychodrama', { id: 'psychodrama' })];
    expect(rank('Psychodrama', cs, 2).map((h) => h.candidate.id)).toEqual(['psychodrama', 'moreno-1946']);
  });
});

describe('rank: the order people expect', () => {
  it('name over alias over description for the same words', () => {
    const cs = [c('Alpha', { description: 'Uses exposure work.' }), c('Beta', { aliases: ['exposure work methods'] }), c('Exposure work plus')];
    expect(order('exposure work', cs)).toEqual(['Exposure work plus', 'Beta', 'Alpha']);
    const [, alias, description] = rank('exposure work', cs, 3);
    expect([alias.field, description.field]).toEqual(['ALIAS', 'DESCRIPTION']);
  });

  it('all the words over some of them, the phrase over scattered words', () => {
    expect(order('emotion regulation skills', [c('Emotion skills'), c('Emotion regulation skills training')])[0]).toBe('Emotion regulation skills training');
    expect(order('response prevention', [c('Prevention of a response set'), c('Exposure and response prevention')])[0]).toBe(
      'Exposure and response prevention',
    );
  });

  it('a word at the start of a short name over one inside a long name', () => {
    const cs = [c('Assimilative psychodynamic psychotherapy'), c('Cyclical psychodynamics'), c('Psychodynamic psychotherapy')];
    expect(order('psychodynamic', cs)[0]).toBe('Psychodynamic psychotherapy');
  });

  it('finds a name from its beginning (type as you go)', () => {
    expect(order('psychody', [c('Psychodrama'), c('Psychodynamic psychotherapy')])).toEqual(['Psychodynamic psychotherapy']);
    expect(order('cognitive behav', [c('Cognitive therapy'), c('Cognitive behavioural therapy')])[0]).toBe('Cognitive behavioural therapy');
  });

  it('forgives one typo in a name or an alias, not in a description', () => {
    expect(order('psychodinamic', [c('Psychodynamic psychotherapy'), c('Other', { description: 'psychodynamic ideas' })])).toEqual([
      'Psychodynamic psychotherapy',
    ]);
    expect(order('behavioural activaton', [c('Integrative behavioural couple therapy'), c('Behavioural activation')])[0]).toBe('Behavioural activation');
  });

  it('does not let stop words alone make a hit', () => {
    expect(order('OR exposure', [c('Calm or safe place exercise'), c('In vivo exposure')])).toEqual(['In vivo exposure']);
    expect(order('and', [c('Exposure and response prevention')])).toEqual(['Exposure and response prevention']);
  });

  it('scores each entity on its own, so dropping some candidates never reorders the rest', () => {
    const cs = [
      c('Exposure hierarchy construction'),
      c('In vivo exposure', { label: 'Technique' }),
      c('Prolonged exposure therapy'),
      c('Exposure', { label: 'Technique', description: 'x' }),
    ];
    const all = rank('exposure', cs, 10).map((h) => h.candidate.id);
    const models = rank(
      'exposure',
      cs.filter((x) => x.label === 'Model'),
      10,
    ).map((h) => h.candidate.id);
    expect(all.filter((id) => models.includes(id))).toEqual(models);
  });

  it('returns at most `limit`, scores descending, and nothing for blank text', () => {
    const hits = rank('therapy', [c('A therapy'), c('B therapy'), c('Therapy')], 2);
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
    expect(rank('  ', [c('A')], 5)).toEqual([]);
  });

  it('scores each candidate on its own, whatever was ranked before it (the scoring buffer is shared)', () => {
    // A long field leaves matches all over the buffer; a shorter one scored next must not see them.
    const long = c('Exposure therapy', { description: `${'exposure in vivo, graded, '.repeat(40)}with response prevention` });
    const vivo = c('In vivo exposure');
    const alone = rank('exposure', [vivo], 1)[0];
    expect(alone.snippet.highlights).toEqual([{ start: 8, length: 8 }]);
    for (let i = 0; i < 3; i++) {
      rank('exposure', [long], 1);
      expect(rank('exposure', [vivo], 1)[0]).toEqual(alone);
      expect(rank('exposure', [long, vivo], 2).find((h) => h.candidate === vivo)).toEqual(alone);
    }
  });
});

describe('rank for suggestions', () => {
  it('matches every word as a beginning, names and aliases only', () => {
    const cs = [c('Cognitive behavioural therapy', { aliases: ['CBT'] }), c('Behavioural activation', { description: 'cognitive' }), c('Cognitive therapy')];
    expect(rank('cog beh', cs, 50, SUGGEST).map((h) => h.candidate.name)).toEqual(['Cognitive behavioural therapy']);
    const [cbt] = rank('cb', cs, 5, SUGGEST);
    expect([cbt.candidate.name, cbt.field]).toEqual(['Cognitive behavioural therapy', 'ALIAS']);
  });
});

describe('snippetOf', () => {
  it('keeps short texts whole and marks the matched words', () => {
    expect(snippetOf('Behaviour therapy', [[0, 9]])).toEqual({ text: 'Behaviour therapy', highlights: [{ start: 0, length: 9 }] });
  });

  it('cuts a long text around the first match, on word boundaries, with ellipses', () => {
    const text = `${'lorem ipsum '.repeat(30)}the exposure part ${'dolor sit '.repeat(30)}`;
    const at = text.indexOf('exposure');
    const s = snippetOf(text, [[at, at + 8]]);
    expect(s.text.length).toBeLessThanOrEqual(162);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const [h] = s.highlights;
    expect(s.text.slice(h.start, h.start + h.length)).toBe('exposure');
  });
});
