import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phraseKey } from '../src/research/text.js';
import { data, gql, trips } from './client.js';
import { testDb } from './db.js';

/**
 * Search quality measured on every entity in the graph: its exact name and each of its aliases, typed into the
 * public API, should bring it first. Names or aliases that two entities share (a model and the book of the same
 * title, an abbreviation two techniques use) have no single right answer and are left out of the figures.
 */

interface Entity {
  id: string;
  label: string;
  name: string;
  aliases: string[];
}

interface Probe {
  text: string;
  id: string;
}

const MAX_TEXT = 200;
const usable = (text: string) => text.length <= MAX_TEXT && phraseKey(text) !== '';
const add = (m: Map<string, Set<string>>, k: string, id: string) => m.set(k, (m.get(k) ?? new Set()).add(id));

let entities: Entity[] = [];
let nameProbes: Probe[] = [];
let aliasProbes: Probe[] = [];
let allAliases = 0;
let coreNameProbes: Probe[] = [];
let coreAliasProbes: Probe[] = [];

const conn = testDb();
afterAll(() => conn.close());
beforeAll(async () => {
  // What is in the graph under test, read directly (not through the API being measured).
  const rows = await conn.db.read('export-nodes');
  entities = rows
    .map((r) => ({ label: r.label as string, props: r.props as Record<string, unknown> }))
    .filter((r) => typeof r.props.name === 'string' && r.label !== 'Meta')
    .map((r) => ({
      id: String(r.props.id),
      label: r.label,
      name: String(r.props.name),
      aliases: Array.isArray(r.props.aliases) ? (r.props.aliases as string[]) : [],
    }));
  // Entity ids by comparison key of their names, and of their names and aliases.
  const byName = new Map<string, Set<string>>();
  const byAny = new Map<string, Set<string>>();
  for (const e of entities) {
    add(byName, phraseKey(e.name), e.id);
    add(byAny, phraseKey(e.name), e.id);
    for (const a of e.aliases) add(byAny, phraseKey(a), e.id);
  }
  nameProbes = entities.filter((e) => usable(e.name) && byName.get(phraseKey(e.name))!.size === 1).map((e) => ({ text: e.name, id: e.id }));
  aliasProbes = entities.flatMap((e) => e.aliases.filter((a) => usable(a) && byAny.get(phraseKey(a))!.size === 1).map((a) => ({ text: a, id: e.id })));
  allAliases = entities.reduce((n, e) => n + e.aliases.length, 0);
  // The figures of the issue: models and techniques, their names and their first aliases.
  const core = entities.filter((e) => e.label === 'Model' || e.label === 'Technique');
  coreNameProbes = core.map((e) => ({ text: e.name, id: e.id }));
  coreAliasProbes = core.filter((e) => e.aliases.length > 0).map((e) => ({ text: e.aliases[0], id: e.id }));
});

/** One typo, a British/American swap or a missing letter each, and the entity they mean. */
const MISSPELLINGS: Probe[] = [
  { text: 'psychodinamic', id: 'psychodynamic-therapy' },
  { text: 'mentalisation', id: 'mentalization-based-treatment' },
  { text: 'behavioural activaton', id: 'behavioral-activation' },
  { text: 'cognitve behavioral therapy', id: 'cognitive-behavioral-therapy' },
  { text: 'dialectical behavour therapy', id: 'dialectical-behavior-therapy' },
  { text: 'acceptence and commitment therapy', id: 'acceptance-and-commitment-therapy' },
  { text: 'motivational interveiwing', id: 'motivational-interviewing' },
  { text: 'schema therpy', id: 'schema-therapy' },
  { text: 'psychoanalisis', id: 'psychoanalysis' },
  { text: 'transactional analisys', id: 'transactional-analysis' },
  { text: 'systematic desensitisation', id: 'systematic-desensitization' },
  { text: 'exposure hierachy', id: 'exposure-hierarchy' },
  { text: 'socratic questionning', id: 'socratic-questioning' },
  { text: 'empty chiar', id: 'empty-chair' },
  { text: 'narative therapy', id: 'narrative-therapy' },
  { text: 'interpersonel psychotherapy', id: 'interpersonal-psychotherapy' },
  { text: 'eye movment desensitization and reprocessing', id: 'eye-movement-desensitization-and-reprocessing' },
  { text: 'mindfulnes based cognitive therapy', id: 'mindfulness-based-cognitive-therapy' },
  { text: 'solution focussed brief therapy', id: 'solution-focused-brief-therapy' },
  { text: 'person centered therapy', id: 'person-centered-therapy' },
];

interface Figures {
  n: number;
  at1: number;
  at3: number;
  mrr: number;
  misses: string[];
}

/** The 1-based rank of `id` among the first 10 hits for `text`, or 0 when it is not among them. */
async function rankOf(p: Probe): Promise<{ rank: number; top: string }> {
  const r = await gql(`query($t: String!) { search(text: $t, first: 10) { node { id } } }`, { t: p.text });
  if (r.body.errors?.length) throw new Error(`search(${JSON.stringify(p.text)}): ${JSON.stringify(r.body.errors)}`);
  const got = (r.body.data.search as Array<{ node: { id: string } }>).map((h) => h.node.id);
  return { rank: got.indexOf(p.id) + 1, top: got[0] ?? '(nothing)' };
}

/** Runs the probes a few at a time (the service, not the test, should be the bottleneck) and sums them up. */
async function measure(probes: Probe[]): Promise<Figures> {
  const ranks: Array<{ rank: number; top: string }> = new Array(probes.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < probes.length) {
        const i = next++;
        ranks[i] = await rankOf(probes[i]);
      }
    }),
  );
  const n = probes.length;
  return {
    n,
    at1: ranks.filter((r) => r.rank === 1).length,
    at3: ranks.filter((r) => r.rank >= 1 && r.rank <= 3).length,
    mrr: ranks.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / n,
    misses: probes.flatMap((p, i) =>
      ranks[i].rank === 1 ? [] : [`${JSON.stringify(p.text)} -> ${p.id} at ${ranks[i].rank || '>10'} (first: ${ranks[i].top})`],
    ),
  };
}

const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)}%`;
function report(title: string, f: Figures) {
  process.stderr.write(
    `[search] ${title}: recall@1 ${f.at1}/${f.n} (${pct(f.at1, f.n)}), recall@3 ${f.at3}/${f.n} (${pct(f.at3, f.n)}), MRR ${f.mrr.toFixed(3)}\n` +
      f.misses
        .slice(0, 40)
        .map((m) => `[search]   miss ${m}\n`)
        .join(''),
  );
}

describe('search recall on every entity', { timeout: 600_000 }, () => {
  it('the figures of the issue: model and technique names, and their first aliases', async () => {
    const names = await measure(coreNameProbes);
    const aliases = await measure(coreAliasProbes);
    report('model/technique names', names);
    report('model/technique first aliases', aliases);
    // Reported, not asserted: these sets keep the names and aliases two entities share (see the tests below).
    expect(names.n).toBeGreaterThan(0);
  });

  it('an exact name brings its entity first (recall@1 >= 99%)', async () => {
    process.stderr.write(
      `[search] names: ${nameProbes.length} of ${entities.length} entities (the others share their name with another entity or are too long to type)\n`,
    );
    const f = await measure(nameProbes);
    report('all names', f);
    expect(f.at1 / f.n).toBeGreaterThanOrEqual(0.99);
  });

  it('an alias brings its entity first (recall@1 >= 95%)', async () => {
    process.stderr.write(`[search] aliases: ${aliasProbes.length} of ${allAliases} (the others name another entity too)\n`);
    const f = await measure(aliasProbes);
    report('all aliases', f);
    expect(f.at1 / f.n).toBeGreaterThanOrEqual(0.95);
  });

  it('a misspelling still finds the entity in the top 3', async () => {
    const f = await measure(MISSPELLINGS);
    report('misspellings', f);
    expect(f.misses.filter((m) => !/ at [23] /.test(m))).toEqual([]);
  });
});

interface Hit {
  score: number;
  matchedField: 'NAME' | 'ALIAS' | 'DESCRIPTION';
  snippet: { text: string; highlights: Array<{ start: number; length: number }> };
  node: { __typename: string; id: string; name: string };
}

async function search(text: string, extra = ''): Promise<Hit[]> {
  const d = await data(
    `query($t: String!) { search(text: $t${extra}) { score matchedField snippet { text highlights { start length } } node { __typename id name } } }`,
    { t: text },
  );
  return d.search;
}
const idsOf = (hits: Hit[]) => hits.map((h) => h.node.id);
const marked = (s: Hit['snippet']) => s.highlights.map((h) => s.text.slice(h.start, h.start + h.length));

describe('search ranking', () => {
  it.each([
    ['Multimodal therapy', 'multimodal-therapy'],
    ['Cognitive therapy', 'cognitive-therapy'],
    ['Transactional analysis', 'transactional-analysis'],
    ['Psychodrama', 'psychodrama'],
    ['cbt', 'cognitive-behavioral-therapy'],
    ['EFT', 'emotion-focused-therapy'],
    ['person centered therapy', 'person-centered-therapy'],
    ['Eye movement desensitization and reprocessing', 'eye-movement-desensitization-and-reprocessing'],
  ])('%j comes first as %s', async (text, id) => {
    expect(idsOf(await search(text, ', first: 3'))[0]).toBe(id);
  });

  it('ranks the psychodynamic school first among models for "psychodynamic"', async () => {
    const hits = await search('psychodynamic', ', types: [MODEL], first: 5');
    expect(hits[0].node.id).toBe('psychodynamic-therapy');
    expect(idsOf(hits).indexOf('assimilative-psychodynamic-therapy')).toBeGreaterThan(0);
  });

  it('says which field matched and marks the matched words in a short snippet', async () => {
    const [dbt] = await search('DBT', ', first: 1');
    expect(dbt).toMatchObject({
      matchedField: 'ALIAS',
      node: { id: 'dialectical-behavior-therapy' },
      snippet: { text: 'DBT', highlights: [{ start: 0, length: 3 }] },
    });
    const [named] = await search('behavioural activation', ', first: 1');
    expect(named).toMatchObject({ matchedField: 'NAME', node: { id: 'behavioral-activation' } });
    expect(marked(named.snippet)).toEqual(['Behavioural', 'activation']);
    const [described] = await search('Kohlenberg', ', first: 1');
    expect(described).toMatchObject({ matchedField: 'DESCRIPTION', node: { id: 'functional-analytic-psychotherapy' } });
    expect(described.snippet.text.length).toBeLessThanOrEqual(162);
    expect(marked(described.snippet)).toEqual(['Kohlenberg']);
  });

  it('puts exact matches on top, then names before aliases before descriptions', async () => {
    const [top] = await search('exposure and response prevention', ', first: 1');
    expect(top).toMatchObject({ node: { id: 'exposure-and-response-prevention' }, matchedField: 'NAME', score: 200 });
    const hits = await search('exposure', ', first: 100');
    const rankOf = { NAME: 0, ALIAS: 1, DESCRIPTION: 2 };
    const fields = hits.filter((h) => h.score < 100).map((h) => rankOf[h.matchedField]);
    expect(fields).toContain(2);
    expect([...fields].sort((a, b) => a - b)).toEqual(fields);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('all the words before some of them, the phrase before scattered words', async () => {
    expect(idsOf(await search('emotion regulation skills', ', first: 3'))[0]).toBe('emotion-regulation-skills');
    expect(idsOf(await search('chain analysis', ', first: 3'))[0]).toBe('chain-analysis');
  });

  it('finds a name from its beginning while typing', async () => {
    expect(idsOf(await search('psychodyn', ', first: 3'))).toContain('psychodynamic-therapy');
    expect(idsOf(await search('cognitive behav', ', first: 3'))[0]).toBe('cognitive-behavioral-therapy');
    expect(idsOf(await search('Mentalization-bas', ', first: 3'))[0]).toBe('mentalization-based-treatment');
    expect(idsOf(await search('Mentaliz', ', first: 10'))).toContain('mentalization-based-treatment');
  });

  it('a type filter keeps the order of the types it keeps', async () => {
    const all = await search('exposure', ', first: 100');
    const techniques = await search('exposure', ', types: [TECHNIQUE], first: 100');
    expect(techniques.length).toBeGreaterThan(5);
    for (const h of techniques) expect(h.node.__typename).toBe('Technique');
    const kept = new Set(idsOf(techniques));
    const shared = idsOf(all).filter((id) => kept.has(id));
    expect(idsOf(techniques).filter((id) => shared.includes(id))).toEqual(shared);
  });

  it('finds the new kind of entity, targets, by type', async () => {
    const r = await gql(`{ search(text: "worry", types: [TARGET], first: 5) { node { __typename id } } }`);
    expect(r.body.errors).toBeUndefined();
    for (const h of r.body.data.search) expect(h.node.__typename).toBe('Target');
  });

  it.each(['"(', 'AND OR', '\\', '', '   ', '*', 'a:b~2^3', 'x'.repeat(200)])('answers %j without an error', async (text) => {
    for (const q of [
      `query($t: String!) { search(text: $t) { score matchedField snippet { text } node { id } } }`,
      `query($t: String!) { suggest(prefix: $t) { id } }`,
    ]) {
      const r = await gql(q, { t: text.slice(0, 100) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
  });
});

interface Suggestion {
  id: string;
  name: string;
  type: string;
  matchedField: 'NAME' | 'ALIAS';
  snippet: { text: string; highlights: Array<{ start: number; length: number }> };
}

async function suggest(prefix: string, extra = ''): Promise<Suggestion[]> {
  const d = await data(`query($p: String!) { suggest(prefix: $p${extra}) { id name type matchedField snippet { text highlights { start length } } } }`, {
    p: prefix,
  });
  return d.suggest;
}

describe('suggest', () => {
  it('completes every typed word from its beginning, best first', async () => {
    const [first] = await suggest('cog beh');
    expect(first).toMatchObject({ id: 'cognitive-behavioral-therapy', type: 'MODEL', matchedField: 'NAME' });
    const psy = await suggest('psychod', ', first: 20');
    expect(psy.map((s) => s.id)).toEqual(expect.arrayContaining(['psychodrama', 'psychodynamic-therapy']));
    for (const s of psy) expect(s.name.length).toBeGreaterThan(0);
  });

  it('offers an entity through its alias, and says so', async () => {
    const [cbt] = await suggest('CBT');
    expect(cbt).toMatchObject({ id: 'cognitive-behavioral-therapy', matchedField: 'ALIAS', snippet: { text: 'CBT' } });
  });

  it('filters by type, defaults to 8 and caps at 20', async () => {
    for (const s of await suggest('ex', ', types: [TECHNIQUE]')) expect(s.type).toBe('TECHNIQUE');
    expect((await suggest('e')).length).toBeLessThanOrEqual(8);
    expect((await suggest('e', ', first: 500')).length).toBeLessThanOrEqual(20);
  });

  it('costs one query', async () => {
    expect(await trips(`{ suggest(prefix: "psycho", first: 10) { id name type } }`)).toBe(1);
  });

  it('rejects an overlong prefix and a negative first with BAD_USER_INPUT naming the field', async () => {
    const long = await gql(`query($p: String!) { suggest(prefix: $p) { id } }`, { p: 'x'.repeat(101) });
    expect(long.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prefix' });
    const neg = await gql(`{ suggest(prefix: "x", first: -1) { id } }`);
    expect(neg.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
