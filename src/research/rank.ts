import { MAX_FUZZY_WORDS } from './lucene.js';
import { editDistance, fold, maxEdits, wordsOf, type WordForms } from './text.js';

/**
 * The order of search hits. The full-text index finds candidates (src/research/lucene.ts); this module decides
 * their order, the field that matched and the highlighted snippet, from the entity's own name, aliases and
 * description, so the order follows rules people expect rather than Lucene's term statistics:
 *
 *   exact name > exact alias > everything else, where everything else scores
 *   all the words over some of them, the phrase over scattered words, a match at the start and a short field
 *   over a long one, and name over alias over description for the same words.
 *
 * Every score depends only on the query and the entity itself, so filtering by type never reorders the rest.
 * Pure functions, no database.
 */

export type SearchField = 'NAME' | 'ALIAS' | 'DESCRIPTION';

export interface Candidate {
  id: string;
  label: string;
  name: string;
  aliases?: readonly string[] | null;
  description?: string | null;
  /** The full-text score: only breaks ties. */
  score: number;
}

export interface Range {
  start: number;
  length: number;
}

export interface Snippet {
  text: string;
  highlights: Range[];
}

export interface Ranked<C extends Candidate> {
  candidate: C;
  score: number;
  field: SearchField;
  snippet: Snippet;
  /** Every query word matched in that field exactly or as a prefix, without forgiving a typo. */
  complete: boolean;
}

export interface RankOptions {
  /** Which query words may match as the beginning of a word: the last one (search) or all (suggest). */
  prefix: 'last' | 'all';
  /** Whether a word may match with a typo. */
  fuzzy: boolean;
  /** Which fields are compared; suggestions ignore descriptions. */
  fields: readonly SearchField[];
  /** Whether a field must match every word (a completion must) or may match some of them (a search may). */
  every: boolean;
}

export const SEARCH: RankOptions = { prefix: 'last', fuzzy: true, fields: ['NAME', 'ALIAS', 'DESCRIPTION'], every: false };
export const SUGGEST: RankOptions = { prefix: 'all', fuzzy: false, fields: ['NAME', 'ALIAS'], every: true };

/** Scores of the two exact tiers; any other match scores below 100. */
export const EXACT_NAME = 200;
export const EXACT_ALIAS = 180;
const FIELD_WEIGHT: Record<SearchField, number> = { NAME: 1, ALIAS: 0.8, DESCRIPTION: 0.45 };
/** A book whose title is the query is less likely what was meant than the concept of that name. */
const SOURCE_WEIGHT = 0.95;
/** Words that never make a hit on their own (the query "OR exposure" is about exposure). */
const STOP = new Set(['a', 'an', 'and', 'or', 'of', 'the', 'in', 'on', 'for', 'to', 'with', 'by', 'at', 'as', 'from', 'into', 'is', 'be', 'vs', 'not']);
/** Match strengths of one word. */
const EXACT = 1;
const PREFIX = 0.9;
const TYPO = 0.7;

export interface Query {
  words: WordForms[];
  /** Per word: whether it counts on its own (it is not a stop word, or every word is one). */
  significant: boolean[];
  compact: string;
}

/**
 * Whether every word of the text is a stop word ("A", "and"): the index drops those words, so it can offer only
 * prefix matches, which tie; the caller takes more of them.
 */
export function onlyStopWords(text: string): boolean {
  const ws = wordsOf(text).forms;
  return ws.length > 0 && ws.every((w) => STOP.has(w.key));
}

export function parseQuery(text: string): Query | null {
  const ws = wordsOf(text).forms;
  if (ws.length === 0) return null;
  const allStop = ws.every((w) => STOP.has(w.key));
  return { words: ws, significant: ws.map((w) => allStop || !STOP.has(w.key)), compact: ws.map((w) => w.key).join('') };
}

/**
 * Whether a text can match at all: some significant query word occurs in it as a substring. Exact and prefix
 * matches imply it, so a description (long, and most candidates') is only split into words when it may match.
 */
function mentions(query: Query, text: string): boolean {
  const folded = fold(text);
  return query.words.some((w, i) => query.significant[i] && (folded.includes(w.plain) || folded.includes(w.us) || folded.includes(w.key)));
}

interface FieldMatch {
  score: number;
  /** Positions in `text` of the words that matched. */
  hits: Array<[number, number]>;
  /** Every query word matched exactly or as a prefix. */
  complete: boolean;
}

// best[i * m + j]: how query word i matches field word j (EXACT, PREFIX, TYPO or 0). One buffer reused by every
// call (matchField is synchronous): a search compares 40 candidates' names, aliases and descriptions, and arrays
// per query word and field were most of the ranking's cost.
let best = new Float64Array(256);

/**
 * How query word i matches each of the field's words, into `best`; returns the best of them. Typos only where
 * nothing else matched.
 */
function wordMatches(q: WordForms, ts: WordForms[], row: number, prefixAllowed: boolean, fuzzy: boolean): number {
  const m = ts.length;
  let top = 0;
  for (let j = 0; j < m; j++) {
    const t = ts[j];
    const v = q.key === t.key ? EXACT : prefixAllowed && (t.plain.startsWith(q.plain) || t.us.startsWith(q.us)) ? PREFIX : 0;
    best[row + j] = v;
    if (v > top) top = v;
  }
  const k = fuzzy ? maxEdits(q.key.length) : 0;
  if (k > 0 && top === 0) {
    for (let j = 0; j < m; j++) {
      const t = ts[j];
      if (t.key.length >= 4 && editDistance(q.key, t.key, k) <= k) {
        best[row + j] = TYPO;
        top = TYPO;
      }
    }
  }
  return top;
}

/** Whether the field's keys, joined, are the query's (`compact`): "E.M.D.R." and "EMDR". */
function sameCompact(compact: string, ts: WordForms[]): boolean {
  let at = 0;
  for (const t of ts) {
    if (!compact.startsWith(t.key, at)) return false;
    at += t.key.length;
  }
  return at === compact.length;
}

/** Scores one field value against the query; null when no significant word matches. */
export function matchField(query: Query, text: string, field: SearchField, options: RankOptions): FieldMatch | null {
  if (field === 'DESCRIPTION' && !mentions(query, text)) return null;
  const { forms: ts, starts, ends } = wordsOf(text);
  const m = ts.length;
  if (m === 0) return null;
  const qs = query.words;
  const n = qs.length;
  const last = n - 1;
  // Typos are forgiven in names and aliases of short queries: what people type into a search box by hand, and
  // where looking for them is cheap (a pasted title is found by its other words).
  const fuzzy = options.fuzzy && field !== 'DESCRIPTION' && n <= MAX_FUZZY_WORDS;
  if (best.length < n * m) best = new Float64Array(2 * n * m);
  // Per query word, its best match in the field: whether a significant word matched, every word did (at all, and
  // exactly or as a prefix), and their sum.
  let anySignificant = false;
  let all = true;
  let complete = true;
  let share = 0;
  for (let i = 0; i < n; i++) {
    const p = wordMatches(qs[i], ts, i * m, options.prefix === 'all' || i === last, fuzzy);
    if (p > 0 && query.significant[i]) anySignificant = true;
    if (p === 0) all = false;
    if (p < PREFIX) complete = false;
    share += p;
  }
  if (!anySignificant) return null;
  if (options.every && !all) return null;
  const hits: Array<[number, number]> = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      if (best[i * m + j] > 0) {
        hits.push([starts[j], ends[j]]);
        break;
      }
    }
  }

  if (field !== 'DESCRIPTION') {
    let exact = n === m;
    for (let i = 0; exact && i < n; i++) exact = best[i * m + i] === EXACT;
    if (exact || sameCompact(query.compact, ts)) return { score: field === 'NAME' ? EXACT_NAME : EXACT_ALIAS, hits, complete: true };
  }

  share /= n;
  let phrase = false;
  let start = false;
  for (let s = 0; s + n <= m && !start; s++) {
    let run = true;
    for (let i = 0; run && i < n; i++) run = best[i * m + s + i] > 0;
    if (run) {
      phrase = true;
      start = s === 0;
    }
  }
  if (n === 1) start = best[0] > 0;
  const cover = hits.length / m;
  const score = 40 * share + (all ? 20 : 0) + (phrase ? 15 : 0) + (start ? 10 : 0) + 10 * cover;
  return { score: score * FIELD_WEIGHT[field], hits, complete };
}

const SNIPPET = 160;
const LEAD = 40;

/** A short extract of a long text around its first matched word, with the matched words' ranges inside it. */
export function snippetOf(text: string, hits: Array<[number, number]>, max = SNIPPET): Snippet {
  if (text.length <= max) return { text, highlights: hits.map(([s, e]) => ({ start: s, length: e - s })) };
  const first = hits[0]?.[0] ?? 0;
  let from = Math.max(0, first - LEAD);
  if (from > 0) {
    const space = text.lastIndexOf(' ', from);
    from = space > first - LEAD - 20 && space >= 0 ? space + 1 : from;
  }
  let to = Math.min(text.length, from + max);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + max / 2) to = space;
  }
  const head = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const body = text.slice(from, to);
  const highlights = hits.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => ({ start: s - from + head.length, length: e - s }));
  return { text: `${head}${body}${tail}`, highlights };
}

/** The best-matching field of a candidate, or null when nothing in it matches the query. */
export function rankOne<C extends Candidate>(query: Query, c: C, options: RankOptions): Ranked<C> | null {
  const fields: Array<[SearchField, string | null | undefined]> = [
    ['NAME', c.name],
    ...(c.aliases ?? []).map((a): [SearchField, string] => ['ALIAS', a]),
    ['DESCRIPTION', c.description],
  ];
  let top: { m: FieldMatch; field: SearchField; text: string } | undefined;
  for (const [field, text] of fields) {
    if (!text || !options.fields.includes(field)) continue;
    const m = matchField(query, text, field, options);
    // The first field wins a tie: name before alias before description.
    if (m && (!top || m.score > top.m.score)) top = { m, field, text };
  }
  if (!top) return null;
  const { m, field, text } = top;
  const weight = c.label === 'Source' ? SOURCE_WEIGHT : 1;
  return { candidate: c, score: Math.round(m.score * weight * 1000) / 1000, field, snippet: snippetOf(text, m.hits), complete: m.complete };
}

/** Best first; ties go to the full-text score, then the shorter name, then the id, so the order is total. */
export function compareRanked<C extends Candidate>(a: Ranked<C>, b: Ranked<C>): number {
  return (
    b.score - a.score ||
    b.candidate.score - a.candidate.score ||
    a.candidate.name.length - b.candidate.name.length ||
    (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0)
  );
}

/** The candidates that match, best first, at most `limit`. */
export function rank<C extends Candidate>(text: string, candidates: readonly C[], limit: number, options: RankOptions = SEARCH): Ranked<C>[] {
  const query = parseQuery(text);
  if (!query) return [];
  const ranked: Ranked<C>[] = [];
  for (const c of candidates) {
    const r = rankOne(query, c, options);
    if (r) ranked.push(r);
  }
  return ranked.sort(compareRanked).slice(0, limit);
}
