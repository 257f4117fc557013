import { inject } from 'vitest';

export interface GraphQLResponse<T = any> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>; extensions?: Record<string, unknown> };
}

export const serviceUrl = () => inject('serviceUrl');
export const baseUrl = () => serviceUrl().replace(/\/graphql$/, '');

/** POSTs a GraphQL operation to the running service, as any client would. */
export async function gql<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(serviceUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLResponse<T>['body'] };
}

/** Like gql, but fails the test on any GraphQL error and returns `data`. */
export async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await gql<T>(query, variables);
  if (r.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.body.errors, null, 2)}`);
  return r.body.data as T;
}

/** Runs a query and reports how many database round trips it cost (the service counts them per request). */
export async function trips(query: string, variables?: Record<string, unknown>): Promise<number> {
  const r = await gql(query, variables, { 'ipkg-trace': '1' });
  if (r.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.body.errors)}`);
  return Number((r.body.extensions as { roundTrips?: number } | undefined)?.roundTrips);
}
