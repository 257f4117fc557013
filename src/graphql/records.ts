import type { MappingBySubject, RelationshipProps } from '../db/queries.js';
import type { AuditEntryStored } from '../export/changes.js';
import type { Conflict, Verdict } from '../reasoning/assimilation.js';
import type { NodeMap, Path, Step } from '../reasoning/graph.js';
import type { ModalityMatch } from '../reasoning/multimodal.js';
import type { PlannedStep, TreatmentPlan } from '../reasoning/planning.js';
import type { PlanValidation, Violation } from '../reasoning/sequencing.js';
import type { Exclusion, Reason, Recommendation } from '../reasoning/tailoring.js';
import type { Dimension as OverlapDimension } from '../research/overlap.js';
import type { SearchField, Snippet } from '../research/rank.js';
import type { EVIDENCE_LEVELS } from '../seed/kinds.js';

export type { Conflict, Path, PlannedStep, Reason, Step, Verdict, Violation };
export type PlanValidationRecord = PlanValidation;
export type ModalityMatchRecord = ModalityMatch;

// The SDL's enums as the lower modules declare them, not from ./generated.js: generated.ts imports this file (its
// mappers), so importing it back would be a cycle. src/graphql/records.test.ts checks they equal the generated ones.
type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/**
 * The shapes resolvers receive as parents: what the named Cypher queries return. Codegen maps GraphQL types
 * to these (codegen.ts), so resolvers are typed end to end.
 */

/**
 * A node as read from Neo4j: its label plus its properties (GraphQL field names are the property names); the
 * same shape the reasoning modules work on. `__partial` marks a projection (src/graphql/projection.ts).
 */
export type EntityRecord = NodeMap;

/** A relationship seen from one end: the node at the other end, and the relationship's own properties. */
export interface LinkRecord {
  type: string;
  direction: 'OUT' | 'IN';
  /** The entity the relationship was read from. */
  self: EntityRecord;
  node: EntityRecord;
  props: RelationshipProps;
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

/** Reasoning results as the resolvers return them: contraindications presented as edge records. */
export type RecommendationRecord = Omit<Recommendation, 'cautions'> & { cautions: LinkRecord[] };
export type ExclusionRecord = Omit<Exclusion, 'contraindications'> & { contraindications: LinkRecord[] };
export interface TailoringRecord {
  recommendations: RecommendationRecord[];
  excluded: ExclusionRecord[];
  method: string;
  disclaimer: string;
}
export type PlanPhaseRecord = TreatmentPlan['phases'][number];
export type TreatmentPlanRecord = TreatmentPlan & { disclaimer: string };
export type ModalityTechniqueRecord = ModalityMatch['techniques'][number];
export interface MultimodalPlanRecord {
  items: ModalityMatch[];
  explanation: string;
  disclaimer: string;
}

/** Research answers (src/graphql/resolvers/research.ts). Items are ids; their nodes load through the DataLoader. */
export interface SearchHitRecord {
  score: number;
  node: EntityRecord;
  matchedField: SearchField;
  snippet: Snippet;
}
export interface DimensionOverlapRecord {
  dimension: OverlapDimension;
  shared: string[];
  onlyA: string[];
  onlyB: string[];
  jaccard: number | null;
}
export interface TenetDisagreementRecord {
  tenetOfA: EntityRecord;
  tenetOfB: EntityRecord;
  reason: string | null;
  sources: string[];
  evidence: EvidenceLevel;
  path: Path;
}
export interface ModelOverlapRecord {
  a: EntityRecord;
  b: EntityRecord;
  dimensions: DimensionOverlapRecord[];
  jaccard: number | null;
  disagreements: TenetDisagreementRecord[];
}
export interface OverlapMatrixRecord {
  dimension: OverlapDimension;
  models: EntityRecord[];
  jaccard: (number | null)[][];
  shared: number[][];
}
export interface NeighborhoodEdgeRecord {
  id: string;
  fromId: string;
  toId: string;
  type: string;
  sources: string[];
  evidence: EvidenceLevel;
}
export interface NeighborhoodNodeRecord {
  node: EntityRecord;
  distance: number;
}
export interface NeighborhoodRecord {
  center: EntityRecord;
  depth: number;
  nodes: NeighborhoodNodeRecord[];
  edges: NeighborhoodEdgeRecord[];
  truncated: boolean;
}

/** An audit entry as stored (cypher/audit-record.cypher); `changes` is JSON text of AuditChange[]. */
export type AuditRecord = AuditEntryStored;
export interface AuditEdgeRecord {
  cursor: string;
  node: AuditRecord;
}
export interface AuditConnectionRecord {
  edges: AuditEdgeRecord[];
  pageInfo: PageInfoRecord;
}
export interface CurationResultRecord {
  entity: EntityRecord | null;
  relationship: LinkRecord | null;
  audit: AuditRecord;
}

/** A mapping as cypher/mappings-by-subject returns it (its row, less the subject id), sources never null: the parent of the OntologyMapping fields. */
export type OntologyMappingRecord = Omit<MappingBySubject, 'id' | 'sources'> & { sources: string[] };
