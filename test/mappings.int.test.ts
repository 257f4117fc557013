import { describe, expect, it } from 'vitest';
import { compileSeed } from '../src/seed/compile.js';
import { loadSeed } from '../src/seed/load.js';
import { baseUrl, data, trips } from './client.js';
import { testDb } from './db.js';

/** Crosswalks to the BCIO (seed/mappings/*.sssom.tsv) as the service serves them: GraphQL and the JSON-LD export. */

const BCIO = 'http://humanbehaviourchange.org/ontology/BCIO_';
const { graph } = compileSeed();
const FIELDS = 'predicate predicateId objectId objectIri objectLabel objectOntology confidence justification comment mappingSet evidence sources { id }';

describe('Technique.mappings and Mechanism.mappings', () => {
  it('serve a technique its BCTO crosswalks, with predicate, confidence, justification and sources', async () => {
    const d = await data(`{ technique(id: "graded-task-assignment") { mappings { ${FIELDS} } } }`);
    expect(d.technique.mappings).toContainEqual({
      predicate: 'EXACT_MATCH',
      predicateId: 'skos:exactMatch',
      objectId: 'BCIO:007100',
      objectIri: `${BCIO}007100`,
      objectLabel: 'set graded tasks BCT',
      objectOntology: 'BCTO',
      confidence: 0.9,
      justification: 'semapv:ManualMappingCuration',
      comment: expect.stringContaining('BCT8.7'),
      mappingSet: 'https://w3id.org/ipkg/mappings/techniques-bcto.sssom.tsv',
      evidence: 'EXPERT_OPINION',
      sources: [{ id: 'marques-2023' }, { id: 'michie-2013' }],
    });
  });

  it("order a subject's mappings best first and give unmapped entries an empty list", async () => {
    const d = await data(
      `{ technique(id: "collaborative-goal-setting") { mappings { predicate confidence } } unmapped: technique(id: "free-association") { mappings { objectId } } }`,
    );
    const confidences = d.technique.mappings.map((m: { confidence: number }) => m.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(d.technique.mappings.map((m: { predicate: string }) => m.predicate)).toEqual(['BROAD_MATCH', 'NARROW_MATCH', 'NARROW_MATCH']);
    expect(d.unmapped.mappings).toEqual([]);
  });

  it('serve a mechanism its MoA crosswalks', async () => {
    const d = await data(`{ mechanisms { id mappings { predicate objectId objectOntology } } }`);
    const selfMonitoring = d.mechanisms.find((m: { id: string }) => m.id === 'self-monitoring');
    expect(selfMonitoring.mappings).toEqual([{ predicate: 'CLOSE_MATCH', objectId: 'BCIO:006137', objectOntology: 'MoA' }]);
    const served = d.mechanisms.flatMap((m: { mappings: unknown[] }) => m.mappings).length;
    expect(served).toBe(graph.mappings.filter((m) => m.term.ontology === 'MoA').length);
  });

  it('serve exactly the rows of the mapping files', async () => {
    const d = await data(`{ techniques(first: 100) { totalCount edges { cursor node { id mappings { objectId } } } } }`);
    expect(d.techniques.totalCount).toBeLessThanOrEqual(300);
    const pages = [d.techniques];
    let after = d.techniques.edges.at(-1)?.cursor;
    while (pages.length * 100 < d.techniques.totalCount) {
      const next = await data(`query($after: String) { techniques(first: 100, after: $after) { edges { cursor node { id mappings { objectId } } } } }`, {
        after: after ?? null,
      });
      pages.push(next.techniques);
      after = next.techniques.edges.at(-1)?.cursor;
    }
    const served = new Set(pages.flatMap((p) => p.edges.flatMap((e: any) => e.node.mappings.map((m: { objectId: string }) => `${e.node.id}|${m.objectId}`))));
    const filed = new Set(graph.mappings.filter((m) => m.term.ontology === 'BCTO').map((m) => `${m.subject}|${m.objectId}`));
    expect(served).toEqual(filed);
  });

  it('batch: mappings of a whole page cost one query, whatever the page size', async () => {
    const q = (n: number) => `{ techniques(first: ${n}) { edges { node { id mappings { objectId sources { id } } } } } }`;
    expect(await trips(q(5))).toBe(await trips(q(60)));
  });
});

describe('JSON-LD export', () => {
  it('carries every mapping as a SKOS triple on its entity and as an annotated owl:Axiom', async () => {
    const doc = (await (await fetch(`${baseUrl()}/export/graph.jsonld`)).json()) as { '@context': Record<string, any>; '@graph': Array<Record<string, any>> };
    const nodes = doc['@graph'];
    expect(doc['@context'].broadMatch['@id']).toBe('skos:broadMatch');
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const technique = byId.get('https://w3id.org/ipkg/id/graded-task-assignment')!;
    expect(technique.exactMatch).toContain(`${BCIO}007100`);
    const axioms = nodes.filter((n) => Array.isArray(n.type) && n.type.includes('owl:Axiom'));
    expect(axioms).toHaveLength(graph.mappings.length);
    for (const m of graph.mappings) {
      const subject = byId.get(`https://w3id.org/ipkg/id/${m.subject}`)!;
      const local = String(m.props.predicate).replace('skos:', '');
      expect(subject[local], `${m.subject} ${local}`).toContain(m.term.iri);
      expect(byId.get(m.term.iri)).toMatchObject({ type: 'owl:Class', label: m.term.label });
    }
    const axiom = axioms.find((a) => a.annotatedSource === 'https://w3id.org/ipkg/id/graded-task-assignment' && a.annotatedTarget === `${BCIO}007100`)!;
    expect(axiom).toMatchObject({ annotatedProperty: 'skos:exactMatch', confidence: 0.9, mappingJustification: 'semapv:ManualMappingCuration' });
    const dataset = nodes.find((n) => Array.isArray(n.type) && n.type.includes('schema:Dataset'))!;
    expect(dataset.creditText).toContain('Human Behaviour-Change Project');
  });
});

describe('loading the crosswalks', () => {
  it('writes no mapping on a second load; --prune drops a mapping the files no longer hold, and its unused class', async () => {
    const { db, close } = testDb();
    const q = `{ technique(id: "attention-training-technique") { mappings { objectId } } }`;
    try {
      expect((await loadSeed(db, graph)).mappingsChanged).toBe(0);
      // BCIO:007143 is mapped from this technique only, so pruning the row leaves its class unused.
      const kept = graph.mappings.filter((m) => m.objectId !== 'BCIO:007143');
      expect(kept.length).toBe(graph.mappings.length - 1);
      const pruned = await loadSeed(db, { ...graph, mappings: kept }, { prune: true });
      expect(pruned.pruned.edges).toBeGreaterThanOrEqual(1);
      expect(pruned.pruned.nodes).toBeGreaterThanOrEqual(1);
      expect((await data(q)).technique.mappings).toEqual([]);
      expect((await loadSeed(db, graph)).mappingsChanged).toBe(1);
      expect((await data(q)).technique.mappings).toEqual([{ objectId: 'BCIO:007143' }]);
    } finally {
      await loadSeed(db, graph);
      await close();
    }
  });
});
