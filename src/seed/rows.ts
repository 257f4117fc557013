import type { Label } from './kinds.js';

// The rows a seed compiles to, apart from the compiler (./compile.ts) so ./mappings.ts can use them without a cycle.

/** One problem in the seed files, located precisely enough to fix it. */
export interface SeedError {
  file: string;
  entry: string;
  problem: string;
}

export type PropValue = string | number | boolean | string[];

export interface NodeRow {
  id: string;
  label: Label;
  props: Record<string, PropValue>;
  hash: string;
}

export interface EdgeRow {
  from: string;
  to: string;
  type: string;
  props: Record<string, PropValue>;
  hash: string;
}
