import { describe, expect, it } from 'vitest';
import { escapeTerm, MAX_FUZZY_WORDS, MAX_WORDS, searchQuery, suggestQuery } from './lucene.js';

/** The words of a query once our own syntax is taken away: what reaches the analyzer as text. */
function bareWords(query: string): string[] {
  return query
    .replace(/\b(name|aliasText|description):/g, ' ')
    .replace(/\^\d+/g, ' ')
    .replace(/~\d/g, ' ')
    .replace(/[()"+*]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

describe('escapeTerm', () => {
  it('escapes every Lucene special character', () => {
    expect(escapeTerm('"(')).toBe('\\"\\(');
    expect(escapeTerm('a+b-c&&d||e!f(g)h{i}j[k]l^m~n*o?p:q\\r/s')).toBe('a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\~n\\*o\\?p\\:q\\\\r\\/s');
  });

  it('turns operator words into plain lower-case words', () => {
    expect(escapeTerm('AND')).toBe('and');
    expect(escapeTerm('ANDROID')).toBe('ANDROID');
  });
});

describe('searchQuery', () => {
  it('is null when nothing searchable is left', () => {
    for (const text of ['', '   ', '(', '"(', '\\', '-', '*', '"', '[]', '?!']) expect(searchQuery(text), text).toBeNull();
  });

  it('never passes user syntax through: only plain lower-case words reach the analyzer', () => {
    for (const text of ['AND OR', 'NOT', 'cbt)', 'a:b', '[x TO y]', 'OR exposure', 'foo~2 bar^9', 'title:"x"', '+a -b', 'x* ?y', 'a\\b', "Wachtel's I.D."]) {
      const q = searchQuery(text)!;
      for (const w of bareWords(q)) expect(w, `${text} -> ${q}`).toMatch(/^[\p{Ll}\p{N}'.]+$/u);
      expect(q).not.toMatch(/\b(AND|OR|NOT|TO)\b/);
    }
  });

  it('asks for each word in every field, with spellings, a prefix for the last word and typos in names', () => {
    const q = searchQuery('Behaviour therap')!;
    expect(q).toContain('name:((behaviour behavior behaviour~1) (therap therap* therap~1))^4');
    expect(q).toContain('aliasText:((behaviour behavior) (therap therap*))^3');
    expect(q).toContain('description:((behaviour behavior) therap)');
    expect(q).toContain('name:(+(behaviour behavior) +(therap therap*))^6');
    expect(q).toContain('name:"behaviour therap"^8');
    expect(searchQuery('cbt')).toBe('name:(cbt cbt*)^4 aliasText:(cbt cbt*)^3 description:cbt');
  });

  it('folds accents and case the way the index does', () => {
    expect(searchQuery('Öst')).toBe('name:(ost ost*)^4 aliasText:(ost ost*)^3 description:ost');
  });

  it('bounds the query: at most MAX_WORDS words, and typo terms only for short queries', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const q = searchQuery(long)!;
    expect(q).toContain(`word${MAX_WORDS - 1}`);
    expect(q).not.toContain(`word${MAX_WORDS} `);
    expect(q).not.toContain('~');
    const short = Array.from({ length: MAX_FUZZY_WORDS }, (_, i) => `word${i}`).join(' ');
    expect(searchQuery(short)).toContain('~');
  });
});

describe('suggestQuery', () => {
  it('requires every word, as a word or a beginning, in the name or an alias', () => {
    expect(suggestQuery('cog beh')).toBe('+(name:(cog cog*)^2 aliasText:(cog cog*)) +(name:(beh beh*)^2 aliasText:(beh beh*)) name:"cog beh"^4');
    expect(suggestQuery('c')).toBe('+(name:(c c*)^2 aliasText:(c c*))');
    expect(suggestQuery(' ) ')).toBeNull();
  });
});
