import type { EvidenceLevel, Severity } from './generated.js';

/**
 * The shapes resolvers receive as parents: what the named Cypher queries return. Codegen maps GraphQL types
 * to these (codegen.ts), so resolvers are typed end to end.
 */

/** A node as read from Neo4j: its label plus its properties (GraphQL field names are the property names). */
export interface EntityRecord {
  __label: string;
  id: string;
  name: string;
  sources?: string[];
  evidence?: string;
  [property: string]: unknown;
}

/** A relationship seen from one end: the node at the other end, and the relationship's own properties. */
export interface LinkRecord {
  type: string;
  direction: 'OUT' | 'IN';
  /** The entity the relationship was read from. */
  self: EntityRecord;
  node: EntityRecord;
  props: { sources: string[]; evidence: EvidenceLevel; reason?: string; role?: string; reframing?: string; severity?: Severity; [k: string]: unknown };
}

export interface EdgeRecord {
  cursor: string;
  node: EntityRecord;
}

export interface PageInfoRecord {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ConnectionRecord {
  edges: EdgeRecord[];
  pageInfo: PageInfoRecord;
  /** Computed only when asked for. */
  totalCount: () => Promise<number>;
}

export interface EffectSizeRecord {
  metric: string;
  value: number;
  ciLow?: number;
  ciHigh?: number;
  studies?: number;
  clients?: number;
  outcome: string;
  source: string;
  evidence?: string;
  note?: string;
}
