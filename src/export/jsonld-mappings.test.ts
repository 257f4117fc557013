import { describe, expect, it } from 'vitest';
import type { ExportGraph } from './graph.js';
import { CROSSWALK_ATTRIBUTION, jsonLdContext, toJsonLd } from './jsonld.js';

const BASE = 'https://example.test/ipkg/';
const BCIO = 'http://humanbehaviourchange.org/ontology/BCIO_';

const graph: ExportGraph = {
  nodes: [
    {
      id: 'graded-task-assignment',
      label: 'Technique',
      props: { name: 'Graded task assignment', description: 'Small steps.', sources: ['beck-1979'], evidence: 'RCT' },
    },
    {
      id: 'beck-1979',
      label: 'Source',
      props: { name: 'Cognitive therapy of depression', type: 'BOOK', title: 'Cognitive therapy of depression', year: 1979 },
    },
  ],
  edges: [],
  mappings: [
    {
      subjectId: 'graded-task-assignment',
      objectId: 'BCIO:007100',
      objectIri: `${BCIO}007100`,
      objectLabel: 'set graded tasks BCT',
      objectOntology: 'BCTO',
      props: {
        predicate: 'skos:exactMatch',
        confidence: 0.9,
        justification: 'semapv:ManualMappingCuration',
        comment: 'Both grade tasks. BCTTv1: BCT8.7.',
        mappingSet: 'https://w3id.org/ipkg/mappings/techniques-bcto.sssom.tsv',
        sources: ['beck-1979'],
        evidence: 'EXPERT_OPINION',
        author: 'ipkg curators',
      },
    },
    {
      subjectId: 'graded-task-assignment',
      objectId: 'BCIO:007001',
      objectIri: `${BCIO}007001`,
      objectLabel: 'goal directed BCT',
      objectOntology: 'BCTO',
      props: {
        predicate: 'skos:broadMatch',
        confidence: 0.6,
        justification: 'semapv:ManualMappingCuration',
        comment: 'A goal-directed technique.',
        mappingSet: 'https://w3id.org/ipkg/mappings/techniques-bcto.sssom.tsv',
        sources: ['beck-1979'],
        evidence: 'EXPERT_OPINION',
      },
    },
  ],
};

describe('JSON-LD crosswalks', () => {
  const doc = toJsonLd(graph, BASE);
  const nodes = doc['@graph'] as Array<Record<string, any>>;

  it('puts a SKOS mapping triple on the entity, one property per predicate', () => {
    const t = nodes.find((n) => n.id === `${BASE}id/graded-task-assignment`)!;
    expect(t.exactMatch).toEqual([`${BCIO}007100`]);
    expect(t.broadMatch).toEqual([`${BCIO}007001`]);
    const ctx = doc['@context'] as Record<string, any>;
    expect(ctx.exactMatch).toEqual({ '@id': 'skos:exactMatch', '@type': '@id', '@container': '@set' });
    expect(ctx.narrowMatch['@id']).toBe('skos:narrowMatch');
    expect(ctx).toEqual(jsonLdContext(BASE));
  });

  it('annotates each triple with an owl:Axiom carrying the SSSOM confidence, justification and comment', () => {
    const axioms = nodes.filter((n) => Array.isArray(n.type) && n.type.includes('owl:Axiom'));
    expect(axioms).toHaveLength(2);
    expect(axioms[0]).toMatchObject({
      id: `${BASE}map/graded-task-assignment/BCIO%3A007100`,
      annotatedSource: `${BASE}id/graded-task-assignment`,
      annotatedProperty: 'skos:exactMatch',
      annotatedTarget: `${BCIO}007100`,
      confidence: 0.9,
      mappingJustification: 'semapv:ManualMappingCuration',
      comment: 'Both grade tasks. BCTTv1: BCT8.7.',
      authorLabel: 'ipkg curators',
      sources: [`${BASE}id/beck-1979`],
      evidence: 'EXPERT_OPINION',
    });
    const ctx = doc['@context'] as Record<string, any>;
    for (const term of ['annotatedSource', 'annotatedProperty', 'annotatedTarget', 'confidence', 'mappingJustification', 'comment', 'label', 'authorLabel'])
      expect(ctx[term], term).toBeDefined();
    expect(ctx.confidence['@type']).toBe('xsd:double');
  });

  it('names each external class once, with its label, and credits the BCIO on the dataset', () => {
    const classes = nodes.filter((n) => n.type === 'owl:Class');
    expect(classes.map((c) => [c.id, c.label, c.identifier])).toEqual([
      [`${BCIO}007100`, 'set graded tasks BCT', 'BCIO:007100'],
      [`${BCIO}007001`, 'goal directed BCT', 'BCIO:007001'],
    ]);
    const dataset = nodes.find((n) => Array.isArray(n.type) && n.type.includes('schema:Dataset'))!;
    expect(dataset.isBasedOn).toEqual([CROSSWALK_ATTRIBUTION.source]);
    expect(dataset.creditText).toContain('Human Behaviour-Change Project');
  });

  it('adds nothing when there are no mappings', () => {
    const plain = toJsonLd({ nodes: graph.nodes, edges: [] }, BASE)['@graph'] as Array<Record<string, any>>;
    expect(plain.some((n) => n.type === 'owl:Class' || n.exactMatch)).toBe(false);
    expect(plain[0].isBasedOn).toBeUndefined();
  });
});
