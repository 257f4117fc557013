/**
 * How search compares words: the same normalisation for what a user typed and for the names, aliases and
 * descriptions it is compared with, so that case, accents, British or American spelling, simple plurals, hyphens
 * and punctuation never decide whether two words are "the same". Pure functions, no database.
 */

/** One word of a text, where it sits in the original string (for highlighting) and its comparison key. */
export interface Token {
  /** The word as written, e.g. "Behaviour". */
  raw: string;
  /** Offsets in the original string (UTF-16 code units, as JavaScript indexes strings). */
  start: number;
  end: number;
  /** Lower case, accents folded, apostrophes dropped: "wachtel's" -> "wachtels", "Öst" -> "ost". */
  folded: string;
  /** `folded` with spelling and plural differences removed: "behaviours" -> "behavior", "centred" -> "centered". */
  key: string;
}

// A word: letters, digits and combining marks, with inner apostrophes or dots ("Wachtel's", "I.D.") kept in the
// word, as Lucene's standard tokenizer keeps them; "&" stands for "and".
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*|&/gu;

const NON_ASCII = /[\u0080-\uffff]/;

// Letters NFKD does not decompose into a base letter plus a mark.
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case without accents: "Öst" -> "ost", "Epoché" -> "epoche". Apostrophes and dots are kept. */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c])
    .replace(/’/g, "'");
}

// British -> American, whole words first, then endings. Only what the vocabulary of psychotherapy needs; a rule
// that also hits an unrelated word is harmless because both sides of a comparison go through the same rules.
const WORDS_US: Record<string, string> = {
  defence: 'defense',
  defences: 'defenses',
  offence: 'offense',
  offences: 'offenses',
  pretence: 'pretense',
  licence: 'license',
  programme: 'program',
  programmes: 'programs',
  ageing: 'aging',
  judgement: 'judgment',
  judgements: 'judgments',
  fulfil: 'fulfill',
  skilful: 'skillful',
  wilful: 'willful',
  aetiology: 'etiology',
  aetiological: 'etiological',
  paediatric: 'pediatric',
  anaesthesia: 'anesthesia',
  oesophagus: 'esophagus',
  foetus: 'fetus',
  manoeuvre: 'maneuver',
  grey: 'gray',
  practise: 'practice',
  practised: 'practiced',
  practising: 'practicing',
};
const WORDS_UK: Record<string, string> = Object.fromEntries(
  Object.entries(WORDS_US)
    .filter(([uk]) => !['practise', 'practised', 'practising', 'grey'].includes(uk))
    .map(([uk, us]) => [us, uk]),
);

/** Words that end in "our" without being the British spelling of an "-or" word. */
const OUR_KEEP = new Set(['contour', 'detour', 'devour', 'paramour', 'velour', 'troubadour']);
/** "-or" words whose British spelling is "-our" (behavior -> behaviour is covered by the "ior" rule). */
const OR_STEMS = /^(col|fav|hon|lab|hum|neighb|rum|tum|vig|sav|flav|arm|endeav|od|harb|rig|val|cand|vap|splend|ferv|ard|clam|glam|parl)or/;

/** The American spelling of a British one ("behavioural" -> "behavioral"); other words unchanged. */
export function american(word: string): string {
  const whole = WORDS_US[word];
  if (whole) return whole;
  let w = word;
  w = w.replace(/^(.{3,})isation(s?)$/, '$1ization$2');
  w = w.replace(/^(.{3,})is(e|ed|es|ing|er|ers)$/, '$1iz$2');
  w = w.replace(/^(.{2,})ys(e|ed|es|ing)$/, '$1yz$2');
  const our = /^(.{3,})our(s|al|ally|ed|ing|ite|ites|able|ism|ist|ists)?$/.exec(w);
  if (our && !OUR_KEEP.has(w.replace(/(s|al|ally|ed|ing|ite|ites|able|ism|ist|ists)$/, ''))) w = `${our[1]}or${our[2] ?? ''}`;
  w = w.replace(
    /^(.{2,}[^aeiou])(t|b)r(e|es|ed)$/,
    (_m, stem: string, c: string, end: string) => `${stem}${c}er${end === 'e' ? '' : end === 'es' ? 's' : 'ed'}`,
  );
  w = w.replace(/^(.{2,})ogue(s?)$/, '$1og$2');
  w = w.replace(/^(.{2,}[aeiou])ll(ed|ing|er|ers|or|ors)$/, '$1l$2');
  return w;
}

/** The British spelling of an American one ("behavioral" -> "behavioural"); other words unchanged. */
export function british(word: string): string {
  const whole = WORDS_UK[word];
  if (whole) return whole;
  let w = word;
  w = w.replace(/^(.{3,})ization(s?)$/, '$1isation$2');
  w = w.replace(/^(.{3,})iz(e|ed|es|ing|er|ers)$/, '$1is$2');
  w = w.replace(/^(.{2,})yz(e|ed|es|ing)$/, '$1ys$2');
  w = w.replace(/^(.{2,})ior(s|al|ally|ism|ist|ists)?$/, '$1iour$2');
  if (OR_STEMS.test(w)) w = w.replace(/or(s|al|ally|ed|ing|ite|ites|able)?$/, 'our$1');
  w = w.replace(/^(cen|thea|me|li|spec|lus)ter(s|ed)?$/, (_m, stem: string, end = '') => `${stem}tre${end === 'ed' ? 'd' : end}`);
  w = w.replace(/^(fi|calib|som)ber(s|ed)?$/, (_m, stem: string, end = '') => `${stem}bre${end === 'ed' ? 'd' : end}`);
  w = w.replace(/^(dial|catal|anal|monol|epil|prol)og(s?)$/, '$1ogue$2');
  w = w.replace(/^(.*[aeiou][^aeiou]+)el(ed|ing|er|ers|or|ors)$/, '$1ell$2');
  return w;
}

/** A word without its plural ending: "therapies" -> "therapy", "skills" -> "skill"; "analysis", "process" kept. */
export function singular(word: string): string {
  if (word.length <= 4) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is|os|ys)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** A folded word's comparison forms. */
export interface WordForms {
  /** Without apostrophes and dots: "wachtel's" -> "wachtels". */
  plain: string;
  /** `plain` in American spelling. */
  us: string;
  /** `us` without a plural ending: the comparison key. */
  key: string;
}

// Words repeat across every name and description, so their forms are computed once (bounded by the vocabulary;
// the map is dropped if text from outside the graph ever fills it).
const FORMS = new Map<string, WordForms>();
const MAX_FORMS = 50_000;

export function formsOf(folded: string): WordForms {
  let f = FORMS.get(folded);
  if (!f) {
    const plain = folded === '&' ? 'and' : folded.replace(/['.]/g, '');
    const us = american(plain);
    f = { plain, us, key: singular(us) };
    if (FORMS.size >= MAX_FORMS) FORMS.clear();
    FORMS.set(folded, f);
  }
  return f;
}

/** The comparison key of one folded word. */
export function keyOf(folded: string): string {
  return formsOf(folded).key;
}

/** The words of a text, in order, with their keys and places in the original. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = m[0] === '&' ? 'and' : fold(m[0]);
    tokens.push({ raw: m[0], start: m.index, end: m.index + m[0].length, folded, key: keyOf(folded) });
  }
  return tokens;
}

/** The words of a text in compact form: their forms, and where each sits in the text. */
export interface TextWords {
  forms: WordForms[];
  starts: Uint32Array;
  ends: Uint32Array;
}

// Search compares the same names and descriptions over and over; their words are split once and kept, up to a
// bound on the words held (about 16 bytes each), after which the cache starts again.
const TEXTS = new Map<string, TextWords>();
const MAX_CACHED_WORDS = 400_000;
let cachedWords = 0;

/** The words of a text, for comparison; the same object for the same text while it is cached. */
export function wordsOf(text: string): TextWords {
  let w = TEXTS.get(text);
  if (!w) {
    const tokens = tokenize(text);
    w = { forms: tokens.map((t) => formsOf(t.folded)), starts: Uint32Array.from(tokens, (t) => t.start), ends: Uint32Array.from(tokens, (t) => t.end) };
    if (cachedWords + tokens.length > MAX_CACHED_WORDS) {
      TEXTS.clear();
      cachedWords = 0;
    }
    TEXTS.set(text, w);
    cachedWords += tokens.length;
  }
  return w;
}

/** The keys of a text joined by spaces: equal for "Person-centred therapy" and "person centered therapy". */
export function phraseKey(text: string): string {
  return tokenize(text)
    .map((t) => t.key)
    .join(' ');
}

/** The spellings a folded word may have in the index: as typed, American and British. */
export function spellings(folded: string): string[] {
  return [...new Set([folded, american(folded), british(folded)])];
}

/** Edits allowed for a typo in a word of this length: none for short words, where one edit makes another word. */
export function maxEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * The optimal-string-alignment distance between two words (insertions, deletions, substitutions and swaps of
 * neighbours each cost 1), or `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const w = b.length + 1;
  // Three rolling rows (two back, one back, current), reused between calls: this runs for many word pairs.
  if (rows.length < 3 * w) rows = new Int32Array(3 * w * 2);
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j < w; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let best = i;
    for (let j = 1; j < w; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, rows[prev2 + j - 2] + 1);
      rows[cur + j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(rows[prev + w - 1], limit + 1);
}
let rows = new Int32Array(96);
