import type { Db, RoundTrips } from '../db/run.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Everything a resolver may use, fresh for each request. */
export interface Context {
  db: Db;
  loaders: Loaders;
  /** Database round trips made while answering this request. */
  trips: RoundTrips;
}

export function createContext(db: Db): Context {
  const trips: RoundTrips = { count: 0 };
  return { db, trips, loaders: createLoaders(db, trips) };
}
