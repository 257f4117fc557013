import { describe, expect, it } from 'vitest';
import { gql } from './client.js';

/**
 * Look-ahead (src/graphql/projection.ts, cypher/links-tree): a pure relationship selection is read in one query
 * per tree instead of one per nesting level. Its answers must be exactly those of the per-level reads. The
 * per-level answer is asked with each level's selection behind a fragment, which look-ahead never looks into, so
 * every level loads itself (cypher/links-out, links-in). Both go over the whole seeded graph, page by page, and
 * are compared as the bytes a client receives.
 */

interface Traced {
  text: string;
  roundTrips: number;
  queries: string[];
  next: string | null;
}

async function ask(query: string, after: string | null): Promise<Traced> {
  const r = await gql(query, { after }, { 'ipkg-trace': '1' });
  expect(r.body.errors).toBeUndefined();
  const ext = r.body.extensions as { roundTrips: number; queries: Array<{ name: string }> };
  const conn = Object.values(r.body.data as Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null } }>)[0];
  return {
    text: JSON.stringify(r.body.data),
    roundTrips: ext.roundTrips,
    queries: ext.queries.map((q) => q.name).sort(),
    next: conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null,
  };
}

/** Every page of `query` (which takes `$after` and selects `pageInfo { hasNextPage endCursor }`). */
async function pages(query: string): Promise<Traced[]> {
  const out: Traced[] = [];
  let after: string | null = null;
  do {
    const t = await ask(query, after);
    out.push(t);
    after = t.next;
  } while (after);
  return out;
}

const PAGE = 'pageInfo { hasNextPage endCursor }';

/** Two spellings of one operation: plain (looked ahead) and with every level behind a fragment (per level). */
const CASES: Array<{ name: string; plain: string; perLevel: string; plainQueries: string[]; levels: number }> = [
  {
    name: 'the benchmark browse: models > techniques > mechanisms, modalities',
    plain: `query($after: String) { models(first: 100, after: $after) { ${PAGE} edges { node { id name techniques { id name mechanisms { id name } modalities { id name } } } } } }`,
    perLevel: `query($after: String) { models(first: 100, after: $after) { ${PAGE} edges { node { id name techniques { ...T } } } } }
      fragment T on Technique { id name mechanisms { ...M } modalities { ...D } } fragment M on Mechanism { id name } fragment D on Modality { id name }`,
    plainQueries: ['links-tree', 'models-page'],
    levels: 3,
  },
  {
    // Four levels below the page: the tree reads three, the fourth (a leaf level) loads itself; IN and OUT, with labels.
    name: 'deeper than one tree, both directions: techniques > models > tenets > models > techniques',
    plain: `query($after: String) { techniques(first: 8, after: $after) { ${PAGE} edges { node { id models { id name kind tenets { id name models { id techniques { id } } } } } } } }`,
    perLevel: `query($after: String) { techniques(first: 8, after: $after) { ${PAGE} edges { node { id models { ...A } } } } }
      fragment A on Model { id name kind tenets { ...B } } fragment B on Tenet { id name models { ...C } } fragment C on Model { id techniques { ...D } } fragment D on Technique { id }`,
    plainQueries: ['links-out', 'links-tree', 'techniques-page'],
    levels: 5,
  },
];

describe('look-ahead answers equal the per-level answers on the whole graph', () => {
  it.each(CASES)('$name', async ({ plain, perLevel, plainQueries, levels }) => {
    const [ahead, each] = [await pages(plain), await pages(perLevel)];
    expect(ahead.length).toBe(each.length);
    for (let i = 0; i < ahead.length; i++) {
      expect(ahead[i].text).toBe(each[i].text);
      expect(ahead[i].queries).toEqual(plainQueries);
      // The fragment spelling reads one query per relationship field and level (levels: the page and its depth).
      expect(each[i].roundTrips).toBeGreaterThanOrEqual(levels);
      expect(ahead[i].roundTrips).toBeLessThan(each[i].roundTrips);
    }
    // The comparison means something only if the graph answered with nested lists.
    expect(ahead.map((p) => p.text).join('').length).toBeGreaterThan(10_000);
  });

  it('a field with arguments or a directive below the list is left to load itself, and still answers the same', async () => {
    const q = (flag: string) =>
      `query($after: String) { models(first: 100, after: $after) { ${PAGE} edges { node { id techniques { id mechanisms ${flag} { id } modalities { id } } } } } }`;
    const plain = await pages(q(''));
    const skipped = await pages(q('@include(if: true)'));
    expect(skipped.map((p) => p.text)).toEqual(plain.map((p) => p.text));
    expect(skipped[0].queries).toEqual(['links-out', 'links-out', 'links-out', 'models-page']);
  });
});
