import type { Caller } from '../auth/guard.js';
import type { Db, RoundTrips } from '../db/run.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Everything a resolver may use, fresh for each request. */
export interface Context {
  db: Db;
  loaders: Loaders;
  /** Database round trips made while answering this request. */
  trips: RoundTrips;
  /** Who sent the request, from its bearer token; only writes look at it (reads are public). */
  caller: Caller;
  /** Shared with the HTTP layer (Apollo clones the context shallowly): what went wrong outside any resolver. */
  failure: { unavailable?: boolean };
}

export function createContext(db: Db, caller: Caller = null): Context {
  const trips: RoundTrips = { count: 0 };
  return { db, trips, caller, failure: {}, loaders: createLoaders(db, trips) };
}
