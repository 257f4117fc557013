/** The one way the explorer talks to the service: POST /graphql on the same origin. */

interface Errorish {
  message: string;
  extensions?: { code?: string };
}

// A read that ran out of the service's query time on a busy or cold database is worth asking again (outside
// development the service reports that as a bare internal error); every request the explorer makes is a read, so a
// repeat is safe. Bad input, unknown ids and query limits are not retried.
const TRANSIENT = /terminated|timed out|timeout/i;
const RETRIED_CODES = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
const transient = (errors: Errorish[]) => errors.every((e) => TRANSIENT.test(e.message) || RETRIED_CODES.has(e.extensions?.code ?? ''));

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: Errorish[] };
    if (!body.errors?.length) return body.data as T;
    if (attempt >= attempts || !transient(body.errors)) throw new Error(body.errors.map((e) => e.message).join('; '));
    await new Promise((r) => setTimeout(r, 700 * attempt));
  }
}

const memo = new Map<string, Promise<unknown>>();

/** One request per page load for lists several views share (models, techniques); a failure is retried next time. */
export function shared<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load().catch((err: unknown) => {
      memo.delete(key);
      throw err;
    });
    memo.set(key, p);
  }
  return p;
}

export interface ModelSummary {
  id: string;
  name: string;
  kind: 'SCHOOL' | 'INTEGRATIVE' | 'SPECIFIC';
  orientation: import('./vocab.js').Orientation;
  year: number | null;
  integrates: Array<{ model: { id: string }; role: string }>;
  derivesFrom: Array<{ id: string }>;
}

/** Every model (there are about 50; the API caps a page at 100), with what the map draws. */
export const allModels = () =>
  shared('models', async () => {
    const d = await gql<{ models: { edges: Array<{ node: ModelSummary }> } }>(
      '{ models(first: 100) { edges { node { id name kind orientation year integrates { model { id } role } derivesFrom { id } } } } }',
    );
    return d.models.edges.map((e) => e.node);
  });

export interface TechniqueSummary {
  id: string;
  name: string;
}

/** Every technique, paged (the API caps a page at 100), sorted by name. */
export const allTechniques = () =>
  shared('techniques', async () => {
    const out: TechniqueSummary[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const d: { techniques: { edges: Array<{ node: TechniqueSummary }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
        'query($after: String) { techniques(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      out.push(...d.techniques.edges.map((e) => e.node));
      if (!d.techniques.pageInfo.hasNextPage) break;
      after = d.techniques.pageInfo.endCursor;
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });
