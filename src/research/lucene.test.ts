import { describe, expect, it } from 'vitest';
import { escapeTerm, luceneQuery } from './lucene.js';

describe('luceneQuery', () => {
  it('escapes every Lucene special character', () => {
    expect(escapeTerm('"(')).toBe('\\"\\(');
    expect(escapeTerm('a+b-c&&d||e!f(g)h{i}j[k]l^m~n*o?p:q\\r/s')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\~n\\*o\\?p\\:q\\\\r\\/s',
    );
  });

  it('turns operator words into plain lower-case words', () => {
    expect(luceneQuery('AND OR')).toBe('and or or*');
    expect(luceneQuery('NOT')).toBe('not not*');
    // Only the bare operator is special; words that merely contain it are left alone.
    expect(escapeTerm('ANDROID')).toBe('ANDROID');
  });

  it('adds a prefix form of the last plain word, and nothing for blank input', () => {
    expect(luceneQuery('  psychodyn ')).toBe('psychodyn psychodyn*');
    expect(luceneQuery('Exposure Therapy')).toBe('Exposure Therapy therapy*');
    expect(luceneQuery('x)')).toBe('x\\)');
    expect(luceneQuery('   ')).toBeNull();
  });
});
