import { MAPPING_PREDICATES, REL_TYPES } from '../seed/kinds.js';
import { DATA_LICENSE, edgeIri, nodeIri, vocabIri, type ExportGraph, type ExportMapping, type ExportNode, type Value } from './graph.js';

/**
 * JSON-LD: every entity is a node with a stable IRI; SKOS for the vocabulary-like entities (labels,
 * definitions), schema.org for the bibliography, and the graph's own vocabulary (`@vocab`) for the rest.
 * Relationships appear twice: as plain links on their subject (easy to query) and as `Relationship` nodes with
 * their own IRI carrying the citation and evidence level (RDF cannot hang properties on a plain triple).
 * Crosswalks to external ontologies (seed/mappings/*.sssom.tsv) appear the same way: a SKOS mapping triple on the
 * entity (`"broadMatch": [<BCIO class>]`) and an `owl:Axiom` annotating that triple with the SSSOM confidence,
 * justification and comment, as SSSOM's own RDF form does; each external class is an `owl:Class` with its label.
 */

/** The SKOS mapping properties by their local name (exactMatch, closeMatch, broadMatch, narrowMatch). */
const MATCH_TERMS = Object.fromEntries(MAPPING_PREDICATES.map((p) => [p.slice('skos:'.length), { '@id': p, '@type': '@id', '@container': '@set' }]));

/** Where the crosswalk targets come from, and the attribution their CC BY 4.0 licence asks for. */
export const CROSSWALK_ATTRIBUTION = {
  source: 'https://github.com/HumanBehaviourChangeProject/ontologies',
  credit:
    'Crosswalk targets (class identifiers, labels and BCT Taxonomy v1 codes): Behaviour Change Intervention Ontology, Human Behaviour-Change Project, www.humanbehaviourchange.org, licensed CC BY 4.0.',
} as const;

/**
 * The published @context (served at /export/context.jsonld and embedded in every graph document). It depends only
 * on the ontology (every relationship type the seed format allows), not on the data, so it stays stable.
 */
export function jsonLdContext(base: string, extraTypes: string[] = []): Record<string, unknown> {
  const links = Object.fromEntries([...new Set([...REL_TYPES, ...extraTypes])].sort().map((t) => [t, { '@type': '@id' }]));
  return {
    '@version': 1.1,
    '@vocab': vocabIri(base),
    ipkg: vocabIri(base),
    skos: 'http://www.w3.org/2004/02/skos/core#',
    schema: 'https://schema.org/',
    dcterms: 'http://purl.org/dc/terms/',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    owl: 'http://www.w3.org/2002/07/owl#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    sssom: 'https://w3id.org/sssom/',
    semapv: 'https://w3id.org/semapv/vocab/',
    BCIO: 'http://humanbehaviourchange.org/ontology/BCIO_',
    id: '@id',
    type: '@type',
    name: 'skos:prefLabel',
    aliases: { '@id': 'skos:altLabel', '@container': '@set' },
    description: 'skos:definition',
    inScheme: { '@id': 'skos:inScheme', '@type': '@id' },
    sources: { '@id': 'schema:citation', '@type': '@id', '@container': '@set' },
    evidence: { '@id': 'ipkg:evidence', '@type': '@vocab' },
    sameAs: { '@id': 'schema:sameAs', '@type': '@id', '@container': '@set' },
    title: 'schema:name',
    authors: { '@id': 'schema:author', '@container': '@list' },
    doi: 'ipkg:doi',
    isbn: 'schema:isbn',
    url: { '@id': 'schema:url', '@type': '@id' },
    effectSizes: { '@id': 'ipkg:effectSizes', '@type': '@json' },
    subject: { '@id': 'ipkg:subject', '@type': '@id' },
    object: { '@id': 'ipkg:object', '@type': '@id' },
    relation: { '@id': 'ipkg:relation', '@type': '@vocab' },
    license: { '@id': 'dcterms:license', '@type': '@id' },
    isBasedOn: { '@id': 'schema:isBasedOn', '@type': '@id', '@container': '@set' },
    creditText: 'schema:creditText',
    ...MATCH_TERMS,
    label: 'rdfs:label',
    comment: 'rdfs:comment',
    annotatedSource: { '@id': 'owl:annotatedSource', '@type': '@id' },
    annotatedProperty: { '@id': 'owl:annotatedProperty', '@type': '@id' },
    annotatedTarget: { '@id': 'owl:annotatedTarget', '@type': '@id' },
    confidence: { '@id': 'sssom:confidence', '@type': 'xsd:double' },
    mappingJustification: { '@id': 'sssom:mapping_justification', '@type': '@id' },
    authorLabel: 'sssom:author_label',
    mappingSet: { '@id': 'dcterms:isPartOf', '@type': '@id' },
    ...links,
  };
}

const SOURCE_TYPES: Record<string, string> = {
  BOOK: 'schema:Book',
  ARTICLE: 'schema:ScholarlyArticle',
  CHAPTER: 'schema:Chapter',
  MANUAL: 'schema:Book',
  REPORT: 'schema:Report',
};

function sameAs(props: Record<string, Value>): string[] {
  const out: string[] = [];
  if (typeof props.wikidata === 'string') out.push(`http://www.wikidata.org/entity/${props.wikidata}`);
  if (typeof props.mesh === 'string') out.push(`http://id.nlm.nih.gov/mesh/${props.mesh}`);
  if (typeof props.doi === 'string') out.push(`https://doi.org/${props.doi}`);
  return out;
}

/** The mapping triples of each subject, by SKOS local name: the entity's `"broadMatch": [...]` and so on. */
function matchesBySubject(mappings: ExportMapping[]): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const m of mappings) {
    const local = String(m.props.predicate).slice('skos:'.length);
    const byPredicate = out.get(m.subjectId) ?? new Map<string, string[]>();
    byPredicate.set(local, [...(byPredicate.get(local) ?? []), m.objectIri]);
    out.set(m.subjectId, byPredicate);
  }
  return out;
}

/** Each external class once, and each mapping as an axiom on its triple carrying the SSSOM annotations. */
function crosswalkObjects(base: string, mappings: ExportMapping[]): Array<Record<string, unknown>> {
  const terms = new Map<string, Record<string, unknown>>();
  for (const m of mappings)
    terms.set(m.objectIri, { id: m.objectIri, type: 'owl:Class', label: m.objectLabel, identifier: m.objectId, ontology: m.objectOntology });
  const axioms = mappings.map((m) => {
    const { predicate, justification, author, sources, ...rest } = m.props;
    return {
      ...rest,
      id: `${base}map/${encodeURIComponent(m.subjectId)}/${encodeURIComponent(m.objectId)}`,
      type: ['owl:Axiom', 'ipkg:Mapping'],
      annotatedSource: nodeIri(base, m.subjectId),
      annotatedProperty: predicate,
      annotatedTarget: m.objectIri,
      mappingJustification: justification,
      ...(author === undefined ? {} : { authorLabel: author }),
      sources: Array.isArray(sources) ? sources.map((k) => nodeIri(base, String(k))) : [],
    };
  });
  return [...terms.values(), ...axioms];
}

function nodeObject(
  base: string,
  n: ExportNode,
  links: Map<string, Map<string, string[]>>,
  matches: Map<string, Map<string, string[]>>,
): Record<string, unknown> {
  const { wikidata: _w, mesh: _m, effectSizes, type: sourceType, ...rest } = n.props;
  const isSource = n.label === 'Source';
  const obj: Record<string, unknown> = {
    id: nodeIri(base, n.id),
    type: isSource ? [`ipkg:${n.label}`, SOURCE_TYPES[String(sourceType)] ?? 'schema:CreativeWork'] : [`ipkg:${n.label}`, 'skos:Concept'],
    identifier: n.id,
    ...rest,
  };
  if (isSource) obj.sourceType = sourceType;
  else obj.inScheme = `${base}scheme`;
  if (Array.isArray(rest.sources)) obj.sources = rest.sources.map((k) => nodeIri(base, String(k)));
  if (typeof effectSizes === 'string') obj.effectSizes = JSON.parse(effectSizes) as unknown;
  const same = sameAs(n.props);
  if (same.length) obj.sameAs = same;
  for (const [type, targets] of links.get(n.id) ?? []) obj[type] = targets.map((t) => nodeIri(base, t));
  for (const [local, iris] of matches.get(n.id) ?? []) obj[local] = iris;
  return obj;
}

export function toJsonLd(graph: ExportGraph, base: string): Record<string, unknown> {
  const mappings = graph.mappings ?? [];
  const matches = matchesBySubject(mappings);
  const links = new Map<string, Map<string, string[]>>();
  for (const e of graph.edges) {
    const byType = links.get(e.fromId) ?? new Map<string, string[]>();
    byType.set(e.type, [...(byType.get(e.type) ?? []), e.toId]);
    links.set(e.fromId, byType);
  }
  const dataset = {
    id: `${base}scheme`,
    type: ['skos:ConceptScheme', 'schema:Dataset'],
    name: 'Integrative Psychotherapy Knowledge Graph',
    description:
      'A sourced graph of psychotherapy models, techniques and the principles of their integration. For education and research only; not clinical advice.',
    license: DATA_LICENSE.url,
    ...(mappings.length ? { isBasedOn: [CROSSWALK_ATTRIBUTION.source], creditText: CROSSWALK_ATTRIBUTION.credit } : {}),
  };
  const relationships = graph.edges.map((e) => {
    const obj: Record<string, unknown> = {
      id: edgeIri(base, e),
      type: 'ipkg:Relationship',
      subject: nodeIri(base, e.fromId),
      relation: e.type,
      object: nodeIri(base, e.toId),
    };
    for (const [k, v] of Object.entries(e.props)) obj[k] = k === 'sources' && Array.isArray(v) ? v.map((s) => nodeIri(base, String(s))) : v;
    return obj;
  });
  return {
    '@context': jsonLdContext(
      base,
      graph.edges.map((e) => e.type),
    ),
    '@graph': [dataset, ...graph.nodes.map((n) => nodeObject(base, n, links, matches)), ...relationships, ...crosswalkObjects(base, mappings)],
  };
}
