import { maxEdits, spellings, tokenize, type Token } from './text.js';

/**
 * Turns what a user typed into the Lucene query that finds the candidates for a search or a suggestion; their
 * order is decided afterwards from the entities themselves (src/research/rank.ts). Neo4j's full-text index parses
 * the query with Lucene's classic syntax, where `"(`, a lone `-` or `AND OR` are errors or operators; a search box
 * must never fail on them. So the query is built only from the words our own tokenizer finds (letters, digits,
 * inner apostrophes and dots), each backslash-escaped and in lower case, never from the text as typed.
 *
 * The index (cypher/indexes.cypher, entity_search) holds `name`, `aliasText` and `description`, folded to ASCII
 * lower case by its analyzer, which also drops English stop words such as "and". A query asks for each word in
 * every field, with British and American spellings as alternatives, the last word also as a prefix and, in names,
 * with one or two typos; all the words in the name or an alias, and the words as a phrase, count more. The boosts only need to keep the right entity among the candidates; they do not decide the final order.
 */

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'TO']);

/** One word, searched literally. */
export function escapeTerm(word: string): string {
  const w = OPERATORS.has(word) ? word.toLowerCase() : word;
  return w.replace(SPECIAL, (c) => `\\${c}`);
}

/** Words beyond this are ignored when looking for candidates (they still count in the ranking). */
export const MAX_WORDS = 16;
/**
 * Typo-tolerant terms expand to up to 50 index terms each, and Lucene refuses a query of more than 1024 clauses;
 * above this many words the other words find the candidates (and the ranking forgives no typo).
 */
export const MAX_FUZZY_WORDS = 6;

/** A word as the index holds it, usable in a prefix or typo term (which bypass the analyzer). */
const PLAIN = /^[a-z0-9]+$/;

const group = (alts: string[]) => (alts.length === 1 ? alts[0] : `(${alts.join(' ')})`);

function words(text: string): Token[] {
  return tokenize(text).slice(0, MAX_WORDS);
}

/** The word and its other spellings, escaped (analysed like the indexed text). */
const exactTerms = (t: Token) => spellings(t.folded).map(escapeTerm);
const prefixTerm = (t: Token) => (PLAIN.test(t.folded) ? [`${t.folded}*`] : []);
/**
 * One edit, even where the ranking forgives two: almost every typo is one, a two-edit term costs the index a much
 * larger scan, and a word with two typos in a longer query is still found through the other words.
 */
function typoTerm(t: Token): string[] {
  return PLAIN.test(t.folded) && maxEdits(t.folded.length) > 0 ? [`${t.folded}~1`] : [];
}
const phrase = (ts: Token[]) => `"${ts.map((t) => escapeTerm(t.folded)).join(' ')}"`;

/**
 * The candidates' query for `search`. Null when nothing searchable is left (blank input, only punctuation).
 * Without `typos` it has no typo terms (the first, cheap, pass: see src/questions/search.ts).
 */
export function searchQuery(text: string, opts: { typos?: boolean } = {}): string | null {
  const ts = words(text);
  if (ts.length === 0) return null;
  const last = ts.length - 1;
  const fuzzy = (opts.typos ?? true) && ts.length <= MAX_FUZZY_WORDS;
  // The last word is also a prefix, even a single letter: "a" must still find the BASIC I.D. modality whose alias
  // is "A", a stop word the analyzer drops from the index.
  const strict = ts.map((t, i) => [...exactTerms(t), ...(i === last ? prefixTerm(t) : [])]);
  // Typos only in names: what people misspell when they type one; aliases are mostly abbreviations, and each
  // typo term costs the index a scan of similar words.
  const loose = ts.map((t, i) => [...strict[i], ...(fuzzy ? typoTerm(t) : [])]);
  const any = (alts: string[][]) => group(alts.map(group));
  const every = (alts: string[][]) => `(${alts.map((a) => `+${group(a)}`).join(' ')})`;
  const parts = [`name:${any(loose)}^4`, `aliasText:${any(strict)}^3`, `description:${any(ts.map(exactTerms))}`];
  if (ts.length > 1) {
    parts.push(`name:${every(strict)}^6`, `aliasText:${every(strict)}^4`, `name:${phrase(ts)}^8`, `aliasText:${phrase(ts)}^6`, `description:${phrase(ts)}^2`);
  }
  return parts.join(' ');
}

/**
 * The candidates' query for `suggest`: every word, as a word or the beginning of one, in the name or an alias.
 * Null when nothing searchable is left.
 */
export function suggestQuery(text: string): string | null {
  const ts = words(text);
  if (ts.length === 0) return null;
  const clauses = ts.map((t) => {
    const alts = group([...exactTerms(t), ...prefixTerm(t)]);
    return `+(name:${alts}^2 aliasText:${alts})`;
  });
  if (ts.length > 1) clauses.push(`name:${phrase(ts)}^4`);
  return clauses.join(' ');
}
