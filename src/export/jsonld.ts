import { REL_TYPES } from '../seed/kinds.js';
import { DATA_LICENSE, edgeIri, nodeIri, vocabIri, type ExportGraph, type ExportNode, type Value } from './graph.js';

/**
 * JSON-LD: every entity is a node with a stable IRI; SKOS for the vocabulary-like entities (labels,
 * definitions), schema.org for the bibliography, and the graph's own vocabulary (`@vocab`) for the rest.
 * Relationships appear twice: as plain links on their subject (easy to query) and as `Relationship` nodes with
 * their own IRI carrying the citation and evidence level (RDF cannot hang properties on a plain triple).
 */

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

function nodeObject(base: string, n: ExportNode, links: Map<string, Map<string, string[]>>): Record<string, unknown> {
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
  return obj;
}

export function toJsonLd(graph: ExportGraph, base: string): Record<string, unknown> {
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
    description: 'A sourced graph of psychotherapy models, techniques and the principles of their integration. For education and research only; not clinical advice.',
    license: DATA_LICENSE.url,
  };
  const relationships = graph.edges.map((e) => {
    const obj: Record<string, unknown> = { id: edgeIri(base, e), type: 'ipkg:Relationship', subject: nodeIri(base, e.fromId), relation: e.type, object: nodeIri(base, e.toId) };
    for (const [k, v] of Object.entries(e.props)) obj[k] = k === 'sources' && Array.isArray(v) ? v.map((s) => nodeIri(base, String(s))) : v;
    return obj;
  });
  return {
    '@context': jsonLdContext(base, graph.edges.map((e) => e.type)),
    '@graph': [dataset, ...graph.nodes.map((n) => nodeObject(base, n, links)), ...relationships],
  };
}
