/**
 * The whole graph as the exports see it: plain data, independent of Neo4j, so every serialiser is a pure
 * function of it. Values are what the seed wrote: strings, numbers, booleans and lists of them.
 */
export type Value = string | number | boolean | null | Array<string | number | boolean>;

export interface ExportNode {
  id: string;
  /** The node's label (Model, Technique, Source, ...). */
  label: string;
  props: Record<string, Value>;
}

export interface ExportEdge {
  fromId: string;
  type: string;
  toId: string;
  props: Record<string, Value>;
}

/** A crosswalk mapping (seed/mappings/*.sssom.tsv) from an entity to an external ontology class. */
export interface ExportMapping {
  subjectId: string;
  /** CURIE of the external class (BCIO:007010), its IRI, label and ontology (BCTO, MoA). */
  objectId: string;
  objectIri: string;
  objectLabel: string;
  objectOntology: string;
  /** predicate (skos:exactMatch, ...), confidence, justification, comment, mappingSet, sources, evidence. */
  props: Record<string, Value>;
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  /** Only the JSON-LD carries them (as SKOS); absent means none. */
  mappings?: ExportMapping[];
}

/** What the data may be reused under; the code is MIT (package.json), the curated data CC BY 4.0. */
export const DATA_LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

/** Stable IRIs: every entity id is unique across the graph, so `id/<id>` names it whatever its label. */
export const DEFAULT_BASE_IRI = 'https://w3id.org/ipkg/';
export const nodeIri = (base: string, id: string) => `${base}id/${encodeURIComponent(id)}`;
export const edgeIri = (base: string, e: Pick<ExportEdge, 'fromId' | 'type' | 'toId'>) =>
  `${base}rel/${encodeURIComponent(e.fromId)}/${e.type}/${encodeURIComponent(e.toId)}`;
export const vocabIri = (base: string) => `${base}vocab#`;

/** The loader's bookkeeping, not knowledge: never exported. */
export const INTERNAL_PROPS = new Set(['seedHash', 'seeded', 'aliasText', 'id']);

/** Lists become one cell or attribute, joined by " | " (no id, source key or alias in the seed contains it). */
export const LIST_SEPARATOR = ' | ';

export function flat(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
}

/** The union of property names, in a stable order: the given leading names first, then the rest sorted. */
export function columns(rows: Array<{ props: Record<string, Value> }>, leading: string[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.props)) names.add(k);
  return [...leading, ...[...names].filter((n) => !leading.includes(n)).sort()];
}
