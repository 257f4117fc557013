import type { Context } from '../graphql/context.js';
import type { EntityRecord } from '../graphql/records.js';
import { searchQuery } from '../research/lucene.js';
import { onlyStopWords, rank, SEARCH, type Candidate, type SearchField, type Snippet } from '../research/rank.js';

/**
 * search: entities whose name, aliases or description match a text. The full-text index (cypher/search) hands
 * over a pool of candidates; the ranking in src/research/rank.ts decides their order, matched field and snippet.
 */

/**
 * How many candidates the index hands to the ranking for `first` hits: enough that an exact name is among them
 * even when many descriptions share its words (on the seed, the entity of every name and alias but two is among
 * the index's first 30), few enough to stay one small query.
 */
export const pool = (first: number, min: number, max: number) => Math.min(Math.max(2 * first, min), max);

function candidate(node: EntityRecord, score: unknown): Candidate & { node: EntityRecord } {
  const aliases = Array.isArray(node.aliases) ? (node.aliases as string[]) : null;
  const description = typeof node.description === 'string' ? node.description : null;
  return { id: node.id, label: node.__label, name: node.name, aliases, description, score: Number(score), node };
}

export interface SearchHit {
  node: EntityRecord;
  score: number;
  matchedField: SearchField;
  snippet: Snippet;
}

/**
 * The first `limit` hits for `text` among entities of `labels` (all when null). Typo terms cost the index most of
 * a query's time and are needed only when the words as typed find nothing that names them all; so the first query
 * leaves them out, and the second (with them) runs only when no name or alias among the first query's hits matches
 * every word. No query for a text with no searchable word.
 */
export async function searchEntities(ctx: Context, text: string, labels: string[] | null, limit: number): Promise<SearchHit[]> {
  const exact = searchQuery(text, { typos: false });
  if (exact === null || limit === 0) return [];
  // Stop words alone: the index offers only prefix matches, which tie, so the ranking gets a larger pool.
  const size = pool(limit, onlyStopWords(text) ? 100 : 40, 200);
  const ask = async (query: string) => {
    const rows = await ctx.db.read('search', { query, labels, limit: size }, ctx.trips);
    return rank(
      text,
      rows.map((r) => candidate(r.node, r.score)),
      limit,
      SEARCH,
    );
  };
  let hits = await ask(exact);
  if (!hits.some((h) => h.complete && h.field !== 'DESCRIPTION')) {
    const forgiving = searchQuery(text);
    if (forgiving !== null && forgiving !== exact) hits = await ask(forgiving);
  }
  return hits.map((h) => ({ node: h.candidate.node, score: h.score, matchedField: h.field, snippet: h.snippet }));
}
