import { describe, expect, it } from 'vitest';
import { american, british, editDistance, fold, maxEdits, phraseKey, singular, spellings, tokenize, wordsOf } from './text.js';

describe('fold', () => {
  it('lower-cases and drops accents', () => {
    expect(fold('Öst')).toBe('ost');
    expect(fold('Epoché')).toBe('epoche');
    expect(fold('Straße Æther')).toBe('strasse aether');
    expect(fold('O\u0308st')).toBe('ost');
  });
});

describe('spelling', () => {
  it('maps British spellings to American ones', () => {
    const pairs: Array<[string, string]> = [
      ['behaviour', 'behavior'],
      ['behavioural', 'behavioral'],
      ['centred', 'centered'],
      ['mentalisation', 'mentalization'],
      ['desensitisation', 'desensitization'],
      ['decatastrophising', 'decatastrophizing'],
      ['modelling', 'modeling'],
      ['counsellor', 'counselor'],
      ['defence', 'defense'],
      ['analyse', 'analyze'],
      ['dialogue', 'dialog'],
      ['colour', 'color'],
    ];
    for (const [uk, us] of pairs) {
      expect(american(uk), uk).toBe(us);
      expect(british(us), us).toBe(uk);
    }
  });

  it('leaves words alone that only look like one', () => {
    for (const w of ['hour', 'four', 'contour', 'therapy', 'analysis', 'crisis', 'noise', 'telling']) expect(american(w), w).toBe(w);
    for (const w of ['factor', 'therapist', 'meter', 'feeling']) expect(british(w), w).not.toBe(`${w}u`);
  });

  it('offers the word as typed and its other spelling', () => {
    expect(spellings('behaviour')).toEqual(['behaviour', 'behavior']);
    expect(spellings('behavior')).toEqual(['behavior', 'behaviour']);
    expect(spellings('cbt')).toEqual(['cbt']);
  });

  it('drops simple plural endings', () => {
    expect(singular('therapies')).toBe('therapy');
    expect(singular('skills')).toBe('skill');
    expect(singular('approaches')).toBe('approach');
    expect(singular('processes')).toBe('process');
    for (const w of ['analysis', 'process', 'stimulus', 'psychosis', 'cbts']) expect(singular(w), w).toBe(w);
  });
});

describe('tokenize and phraseKey', () => {
  it('finds words with their places in the original text', () => {
    const t = tokenize('TF-CBT, “Öst” & I.D.');
    expect(t.map((x) => x.raw)).toEqual(['TF', 'CBT', 'Öst', '&', 'I.D']);
    expect(t.map((x) => x.key)).toEqual(['tf', 'cbt', 'ost', 'and', 'id']);
    expect(t[2]).toMatchObject({ start: 9, end: 12 });
  });

  it('keeps the words of a text it has split, in compact form', () => {
    const w = wordsOf('Behavioural activation, again');
    expect(w.forms.map((f) => f.key)).toEqual(['behavioral', 'activation', 'again']);
    expect([...w.starts]).toEqual([0, 12, 24]);
    expect(wordsOf('Behavioural activation, again')).toBe(w);
  });

  it('makes case, accents, spelling, plurals, hyphens and punctuation irrelevant', () => {
    expect(phraseKey('Person-centred therapy')).toBe(phraseKey('person centered Therapy'));
    expect(phraseKey('Behavioural activation')).toBe(phraseKey('behavioral  activation.'));
    expect(phraseKey("Wachtel's integration")).toBe(phraseKey('wachtels integration'));
    expect(phraseKey('Exposure & response prevention')).toBe(phraseKey('exposure and response prevention'));
    expect(phraseKey('Summaries (MI)')).toBe(phraseKey('summary mi'));
    expect(phraseKey('  (  ')).toBe('');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps, up to a limit', () => {
    expect(editDistance('psychodinamic', 'psychodynamic', 2)).toBe(1);
    expect(editDistance('activaton', 'activation', 2)).toBe(1);
    expect(editDistance('interveiwing', 'interviewing', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });

  it('allows no typo in short words and two in long ones', () => {
    expect([maxEdits(3), maxEdits(4), maxEdits(7), maxEdits(8)]).toEqual([0, 1, 1, 2]);
  });
});
