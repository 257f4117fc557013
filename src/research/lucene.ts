/**
 * Turns what a user typed into a Lucene query that searches exactly those words. Neo4j's full-text index parses
 * its query with Lucene's classic syntax, where `"(`, a lone `-` or `AND OR` are errors or operators; a search
 * box must never fail on them. Every special character is backslash-escaped and the operator words are written in
 * lower case (the index's analyzer lower-cases anyway, so `and` finds what `AND` would have meant as a word).
 */
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'TO']);

/** One word, searched literally. */
export function escapeTerm(word: string): string {
  const w = OPERATORS.has(word) ? word.toLowerCase() : word;
  return w.replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * The Lucene query for a search box: any of the words (Lucene's default OR), and the last word also as a prefix
 * so typing "psychodyn" finds "psychodynamic". Null when nothing searchable is left (blank input).
 */
export function luceneQuery(text: string): string | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const terms = words.map(escapeTerm);
  const last = words[words.length - 1].toLowerCase();
  // Only plain words get the wildcard: a wildcard term bypasses the analyzer, so it must already be lower case
  // and free of characters the tokenizer would have split on.
  if (/^[\p{L}\p{N}]{2,}$/u.test(last)) terms.push(`${last}*`);
  return terms.join(' ');
}
