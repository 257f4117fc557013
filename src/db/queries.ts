import type { AuditEntryStored } from '../export/changes.js';
import type { BaseFacts } from '../reasoning/assimilation.js';
import type { NodeMap } from '../reasoning/graph.js';
import type { ModalityRow } from '../reasoning/multimodal.js';
import type { TechniqueProfile } from '../reasoning/tailoring.js';
import type { EVIDENCE_LEVELS } from '../seed/kinds.js';
import type { MappingRow } from '../seed/mappings.js';
import type { EdgeRow, NodeRow } from '../seed/rows.js';

/**
 * The typed boundary to Cypher: every named query (cypher/<name>.cypher, schema files apart) with its parameters
 * and its row, declared once. The compiler checks each call (src/db/run.ts takes names, parameters and rows from
 * here); src/db/queries.test.ts checks the parameter names against the files' `$parameters`, and
 * test/cypher-explain.int.test.ts the row keys against the columns Neo4j plans for each file. Row types are what
 * the query promises, not validated at run time: the checks above keep the names honest, the reasoning tests the
 * shapes.
 */

/** The keys of an object type, spelled out once at run time; the compiler holds them to exactly the type's keys. */
type Keys<T> = { readonly [K in keyof T]-?: true };

export interface Query<P extends object, R extends object> {
  /** `$parameter` names the Cypher text uses. */
  readonly params: readonly string[];
  /** The columns of its RETURN, in any order. */
  readonly columns: readonly string[];
  /** Types only: never set. */
  readonly types?: { params: P; row: R };
}

function query<P extends object, R extends object>(params: Keys<P>, row: Keys<R>): Query<P, R> {
  return { params: Object.keys(params), columns: Object.keys(row) };
}

/** Parameters of a query that takes none. */
type None = Record<never, never>;

export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** A relationship's properties (`properties(r)`): always cited; the rest depends on its type. */
export interface RelationshipProps {
  sources: string[];
  evidence: EvidenceLevel;
  reason?: string;
  role?: string;
  reframing?: string;
  severity?: 'ABSOLUTE' | 'CAUTION';
  version?: number;
  [k: string]: unknown;
}

/** A relationship as connections and neighborhood return it, with its citation (sources null when it has none). */
export interface CitedRelationship {
  fromId: string;
  type: string;
  toId: string;
  sources: string[] | null;
  evidence: EvidenceLevel;
}

export interface Cited {
  sources: string[] | null;
  evidence: EvidenceLevel;
}

/** A MAPS_TO crosswalk of subject `id` (cypher/mappings-by-subject). */
export interface MappingBySubject {
  id: string;
  predicate: string;
  objectId: string;
  objectIri: string;
  objectLabel: string;
  objectOntology: string;
  confidence: number;
  justification: string;
  comment: string;
  mappingSet: string;
  sources: string[] | null;
  evidence: EvidenceLevel;
}

interface Named {
  id: string;
  name: string | null;
}

type Props = Record<string, unknown>;
/** Properties as stored (`properties(n)`): Neo4j holds no nulls and no maps in them. */
export type StoredProps = Record<string, string | number | boolean | Array<string | number | boolean>>;
type Edge = { from: string; to: string; type: string };
type ModelFilter = { kind: string | null; orientation: string | null; strategy: string | null; evidence: readonly string[] | null };
type TechniqueFilter = {
  model: string | null;
  modality: string | null;
  mechanism: string | null;
  phase: string | null;
  evidence: readonly string[] | null;
  format: string | null;
};
type Page = { after: string | null; limit: number };
type TextQuery = { query: string; labels: readonly string[] | null; limit: number };
type LinksParams = { ids: readonly string[]; types: readonly string[] | null; label: string | null; fields: readonly string[] | null; withProps: boolean };
type LinksRow = { id: string; type: string; props: RelationshipProps | null; node: NodeMap };

/** cypher/links-tree: parallel lists, one entry per level of the look-ahead tree (src/graphql/loaders.ts). */
type LinksTreeParams = {
  ids: readonly string[];
  depths: readonly number[];
  parents: readonly number[];
  directions: readonly ('OUT' | 'IN')[];
  types: readonly string[];
  labels: readonly (string | null)[];
  props: readonly (readonly string[])[];
};
/** A neighbour as links-tree returns it: id, name, label (without Entity), then the values of the level's props. */
export type TreeNode = [id: string, name: string, label: string, values: unknown[]];
type LinksTreeRow = { level: number; id: string; nodes: TreeNode[] };

const FILTER_MODEL = { kind: true, orientation: true, strategy: true, evidence: true } as const;
const FILTER_TECHNIQUE = { model: true, modality: true, mechanism: true, phase: true, evidence: true, format: true } as const;
const EDGE = { from: true, to: true, type: true } as const;
const LINKS = query<LinksParams, LinksRow>(
  { ids: true, types: true, label: true, fields: true, withProps: true },
  { id: true, type: true, props: true, node: true },
);

export const QUERIES = {
  'assimilation-base': query<{ baseModelId: string }, BaseFacts>(
    { baseModelId: true },
    { baseModel: true, against: true, clashes: true, stances: true, usedIds: true, rereadings: true },
  ),
  'audit-begin': query<None, { seq: number }>({}, { seq: true }),
  'audit-count': query<None, { entries: number }>({}, { entries: true }),
  'audit-page': query<{ after: number | null; limit: number }, { entry: AuditEntryStored }>({ after: true, limit: true }, { entry: true }),
  'audit-record': query<Omit<AuditEntryStored, 'at'>, { entry: AuditEntryStored }>(
    { seq: true, actor: true, action: true, target: true, kind: true, sources: true, changes: true },
    { entry: true },
  ),
  'audit-since': query<{ since: number; limit: number }, { dataVersion: number | null; entries: AuditEntryStored[] }>(
    { since: true, limit: true },
    { dataVersion: true, entries: true },
  ),
  connections: query<{ fromId: string; toId: string; maxHops: number; limit: number }, { nodes: NodeMap[]; rels: CitedRelationship[] }>(
    { fromId: true, toId: true, maxHops: true, limit: true },
    { nodes: true, rels: true },
  ),
  'curation-citations': query<{ id: string; needle: string }, { entities: number; relationships: number }>(
    { id: true, needle: true },
    { entities: true, relationships: true },
  ),
  'curation-edge-create': query<Edge & { props: Props }, { props: RelationshipProps }>({ ...EDGE, props: true }, { props: true }),
  'curation-edge-delete': query<Edge & { version: number | null; onlyImplied: boolean }, { deleted: number }>(
    { ...EDGE, version: true, onlyImplied: true },
    { deleted: true },
  ),
  'curation-edge-get': query<Edge, { props: RelationshipProps }>(EDGE, { props: true }),
  'curation-edge-update': query<Edge & { version: number; props: Props }, { props: RelationshipProps }>(
    { ...EDGE, version: true, props: true },
    { props: true },
  ),
  'curation-entity-create': query<{ props: Props; label: string }, { node: NodeMap }>({ props: true, label: true }, { node: true }),
  'curation-entity-delete': query<{ id: string; version: number }, { relationships: number }>({ id: true, version: true }, { relationships: true }),
  'curation-entity-update': query<{ id: string; version: number; props: Props }, { node: NodeMap }>({ id: true, version: true, props: true }, { node: true }),
  'data-version-bump': query<None, { dataVersion: number }>({}, { dataVersion: true }),
  'data-version': query<None, { dataVersion: number | null }>({}, { dataVersion: true }),
  'export-edges': query<None, { fromId: string; type: string; toId: string; props: StoredProps }>({}, { fromId: true, type: true, toId: true, props: true }),
  'export-mappings': query<None, { subjectId: string; objectId: string; objectIri: string; objectLabel: string; objectOntology: string; props: StoredProps }>(
    {},
    { subjectId: true, objectId: true, objectIri: true, objectLabel: true, objectOntology: true, props: true },
  ),
  'export-matrix': query<
    { from: string; to: string; type: string },
    { fromNodes: Named[]; toNodes: Named[]; links: Array<{ fromId: string; toId: string; evidence: string | null; sources: string[] | null }> }
  >({ from: true, to: true, type: true }, { fromNodes: true, toNodes: true, links: true }),
  'export-nodes': query<None, { label: string; props: StoredProps }>({}, { label: true, props: true }),
  'graph-counts': query<None, { kind: 'node' | 'edge'; name: string; count: number }>({}, { kind: true, name: true, count: true }),
  'graph-is-empty': query<None, { empty: boolean }>({}, { empty: true }),
  'integrity-native-conflicts': query<None, { conflicts: string[] }>({}, { conflicts: true }),
  'integrity-techniques': query<None, { broken: string[] }>({}, { broken: true }),
  'integrity-tenets': query<None, { schools: Array<{ model: string; tenets: number }>; crossSchoolContradictions: number }>(
    {},
    { schools: true, crossSchoolContradictions: true },
  ),
  'integrity-uncited': query<None, { nodes: string[]; edges: string[]; nodeCitations: string[]; edgeCitations: string[] }>(
    {},
    { nodes: true, edges: true, nodeCitations: true, edgeCitations: true },
  ),
  'links-in': LINKS,
  'links-out': LINKS,
  'links-tree': query<LinksTreeParams, LinksTreeRow>(
    { ids: true, depths: true, parents: true, directions: true, types: true, labels: true, props: true },
    { level: true, id: true, nodes: true },
  ),
  'list-by-label': query<{ label: string }, { node: NodeMap }>({ label: true }, { node: true }),
  'mappings-by-subject': query<{ ids: readonly string[] }, MappingBySubject>(
    { ids: true },
    {
      id: true,
      predicate: true,
      objectId: true,
      objectIri: true,
      objectLabel: true,
      objectOntology: true,
      confidence: true,
      justification: true,
      comment: true,
      mappingSet: true,
      sources: true,
      evidence: true,
    },
  ),
  'model-disagreements': query<
    { a: string; b: string },
    {
      a: NodeMap;
      b: NodeMap;
      tenetOfA: NodeMap;
      tenetOfB: NodeMap;
      fromA: boolean;
      holdsA: Cited;
      holdsB: Cited;
      contradiction: Cited & { reason: string | null };
    }
  >({ a: true, b: true }, { a: true, b: true, tenetOfA: true, tenetOfB: true, fromA: true, holdsA: true, holdsB: true, contradiction: true }),
  'model-profiles': query<
    { ids: readonly string[] | null },
    { model: NodeMap; techniques: string[]; mechanisms: string[]; modalities: string[]; tenets: string[]; commonFactors: string[] }
  >({ ids: true }, { model: true, techniques: true, mechanisms: true, modalities: true, tenets: true, commonFactors: true }),
  'models-count': query<ModelFilter, { total: number }>(FILTER_MODEL, { total: true }),
  'models-page': query<ModelFilter & Page, { node: NodeMap }>({ ...FILTER_MODEL, after: true, limit: true }, { node: true }),
  'multimodal-plan': query<{ modalities: readonly string[]; targets: readonly (string | null)[] }, ModalityRow>(
    { modalities: true, targets: true },
    { index: true, modality: true, techniques: true, modalityTargets: true },
  ),
  'neighborhood-expand': query<{ frontier: readonly string[]; seen: readonly string[] }, { id: string }>({ frontier: true, seen: true }, { id: true }),
  neighborhood: query<{ ids: readonly string[] }, { node: NodeMap; edges: CitedRelationship[] }>({ ids: true }, { node: true, edges: true }),
  'nodes-by-id': query<{ ids: readonly string[] }, { id: string; node: NodeMap | null }>({ ids: true }, { id: true, node: true }),
  'schema-status': query<None, { ready: boolean }>({}, { ready: true }),
  search: query<TextQuery, { node: NodeMap; score: number }>({ query: true, labels: true, limit: true }, { node: true, score: true }),
  'seed-edges': query<{ rows: readonly EdgeRow[] }, { changed: number }>({ rows: true }, { changed: true }),
  'seed-existing-edges': query<None, { key: string; hash: string }>({}, { key: true, hash: true }),
  'seed-existing-nodes': query<None, { id: string; hash: string | null }>({}, { id: true, hash: true }),
  'seed-finish': query<{ files: readonly string[]; changed: number }, { dataVersion: number }>({ files: true, changed: true }, { dataVersion: true }),
  'seed-flip': query<{ run: string }, { flipped: number }>({ run: true }, { flipped: true }),
  'seed-mappings-prune': query<{ keys: readonly string[] }, { mappings: number; terms: number }>({ keys: true }, { mappings: true, terms: true }),
  'seed-mappings': query<{ rows: readonly MappingRow[] }, { changed: number }>({ rows: true }, { changed: true }),
  'seed-nodes': query<{ rows: readonly NodeRow[] }, { changed: number }>({ rows: true }, { changed: true }),
  'seed-prune': query<{ ids: readonly string[]; edgeKeys: readonly string[] }, { edges: number; nodes: number }>(
    { ids: true, edgeKeys: true },
    { edges: true, nodes: true },
  ),
  'seed-stage-edges': query<{ run: string; rows: readonly EdgeRow[] }, { staged: number }>({ run: true, rows: true }, { staged: true }),
  'seed-stage-nodes': query<{ run: string; rows: readonly NodeRow[] }, { staged: number }>({ run: true, rows: true }, { staged: true }),
  'seed-staged-count': query<None, { staged: number }>({}, { staged: true }),
  'seed-unstage': query<{ run: string | null }, { removed: number }>({ run: true }, { removed: true }),
  suggest: query<TextQuery, { id: string; name: string; aliases: string[] | null; label: string; score: number }>(
    { query: true, labels: true, limit: true },
    { id: true, name: true, aliases: true, label: true, score: true },
  ),
  'technique-ids': query<None, { id: string }>({}, { id: true }),
  'technique-profile-dependents': query<{ ids: readonly string[] }, { ids: string[] }>({ ids: true }, { ids: true }),
  'technique-profiles': query<{ ids: readonly string[] | null }, TechniqueProfile>(
    { ids: true },
    {
      technique: true,
      mechanisms: true,
      contraindications: true,
      stagePaths: true,
      phases: true,
      modalities: true,
      addresses: true,
      requires: true,
      follows: true,
    },
  ),
  'techniques-count': query<TechniqueFilter, { total: number }>(FILTER_TECHNIQUE, { total: true }),
  'techniques-page': query<TechniqueFilter & Page, { node: NodeMap }>({ ...FILTER_TECHNIQUE, after: true, limit: true }, { node: true }),
};

/** Files of schema statements (constraints, indexes), run by src/db/open.ts through Db.schema, not by name. */
export const SCHEMA_FILES = ['audit-schema', 'constraints', 'indexes'] as const;

export type QueryName = keyof typeof QUERIES;
type Types<N extends QueryName> = NonNullable<(typeof QUERIES)[N]['types']>;
export type ParamsOf<N extends QueryName> = Types<N>['params'];
export type RowOf<N extends QueryName> = Types<N>['row'];
/** The declaration as one type: each query's parameters and row. */
export type Queries = { [N in QueryName]: { params: ParamsOf<N>; row: RowOf<N> } };
/** Queries that take no parameters: callers may leave them out. */
export type NoParamsQuery = { [N in QueryName]: keyof ParamsOf<N> extends never ? N : never }[QueryName];

/**
 * A named query to run, with the rows it returns. Callable without parameters only for queries that take none;
 * used for reads (Db.read) and for the statements of a write transaction (Db.writeTx, Db.stageTx).
 */
export interface Run {
  <N extends NoParamsQuery>(name: N): Promise<RowOf<N>[]>;
  <N extends QueryName>(name: N, params: ParamsOf<N>): Promise<RowOf<N>[]>;
}
