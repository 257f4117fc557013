import { describe, expect, it } from 'vitest';
import { childrenNamed, parseXml } from '../src/export/xml-tree.js';
import { baseUrl, data, gql } from './client.js';

const CBT = 'cognitive-behavioral-therapy';
const PSYDYN = 'psychodynamic-therapy';
const DBT = 'dialectical-behavior-therapy';
const PSYAN = 'psychoanalysis';

type Ids = Array<{ id: string }>;
const ids = (xs: Ids) => xs.map((x) => x.id);

/** The error code and field of the first error of a response. */
async function errorOf(query: string, variables?: Record<string, unknown>) {
  const r = await gql(query, variables);
  expect(r.body.errors?.length, JSON.stringify(r.body)).toBeGreaterThan(0);
  return r.body.errors![0].extensions as { code: string; field?: string; id?: string };
}

describe('search', () => {
  it('finds an entity by name, best first, with a score and the node', async () => {
    const d = await data(`{ search(text: "psychodynamic", first: 5) { score node { __typename id name } } }`);
    expect(d.search.length).toBeGreaterThan(0);
    expect(d.search.map((h: { node: { id: string } }) => h.node.id)).toContain(PSYDYN);
    const scores = d.search.map((h: { score: number }) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('filters by type', async () => {
    const d = await data(`{ search(text: "exposure", types: [TECHNIQUE], first: 50) { node { __typename } } }`);
    expect(d.search.length).toBeGreaterThan(0);
    for (const h of d.search) expect(h.node.__typename).toBe('Technique');
  });

  it.each(['(', '"(', 'AND OR', 'NOT', '"', 'cbt)', '-', '*', 'a:b', '[x TO y]', '\\', 'OR exposure'])(
    'searches %j literally, never an error',
    async (text) => {
      const r = await gql(`query($text: String!) { search(text: $text) { score node { id } } }`, { text });
      expect(r.body.errors).toBeUndefined();
      expect(Array.isArray(r.body.data.search)).toBe(true);
    },
  );

  it('treats operator words as words: "OR exposure" finds what "exposure" finds', async () => {
    const plain = await data(`{ search(text: "exposure", first: 100) { node { id } } }`);
    const withOr = await data(`{ search(text: "OR exposure", first: 100) { node { id } } }`);
    expect(plain.search.length).toBeGreaterThan(0);
    for (const h of plain.search) expect(ids(withOr.search.map((x: { node: { id: string } }) => x.node))).toContain(h.node.id);
  });

  it('rejects a negative first and overlong text with BAD_USER_INPUT naming the field', async () => {
    expect(await errorOf(`{ search(text: "x", first: -1) { score } }`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await errorOf(`query($t: String!) { search(text: $t) { score } }`, { t: 'x'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });
});

const PROFILE = `id techniques { id mechanisms { id } modalities { id } } tenets { id } commonFactors { id }`;

interface ModelProfile {
  id: string;
  techniques: Array<{ id: string; mechanisms: Ids; modalities: Ids }>;
  tenets: Ids;
  commonFactors: Ids;
}

/** Each dimension computed from the entity fields, independently of the overlap code. */
function sets(m: ModelProfile): Record<string, Set<string>> {
  return {
    TECHNIQUES: new Set(ids(m.techniques)),
    MECHANISMS: new Set(m.techniques.flatMap((t) => ids(t.mechanisms))),
    MODALITIES: new Set(m.techniques.flatMap((t) => ids(t.modalities))),
    TENETS: new Set(ids(m.tenets)),
    COMMON_FACTORS: new Set(ids(m.commonFactors)),
  };
}

function jaccard(a: Set<string>, b: Set<string>): number | null {
  const shared = [...a].filter((x) => b.has(x)).length;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? null : shared / union;
}

describe('modelOverlap', () => {
  const OVERLAP = `query($a: ID!, $b: ID!) { modelOverlap(a: $a, b: $b) {
    a { id } b { id } jaccard
    dimensions { dimension jaccard shared { id } onlyA { id } onlyB { id } }
    disagreements { tenetOfA { id models { id } } tenetOfB { id models { id } } reason evidence sources { id } path { text steps { type from { id } to { id } sources { id } } } }
  } }`;

  it('matches Jaccard indices computed from the models’ own fields, per dimension and overall', async () => {
    const d = await data(`{ a: model(id: "${CBT}") { ${PROFILE} } b: model(id: "${PSYDYN}") { ${PROFILE} } }`);
    const [sa, sb] = [sets(d.a), sets(d.b)];
    const o = (await data(OVERLAP, { a: CBT, b: PSYDYN })).modelOverlap;
    expect(o.dimensions.map((x: { dimension: string }) => x.dimension)).toEqual(['TECHNIQUES', 'MECHANISMS', 'MODALITIES', 'TENETS', 'COMMON_FACTORS']);
    let shared = 0;
    let union = 0;
    for (const dim of o.dimensions) {
      const expected = jaccard(sa[dim.dimension], sb[dim.dimension]);
      if (expected === null) expect(dim.jaccard).toBeNull();
      else expect(dim.jaccard).toBeCloseTo(expected, 10);
      expect(new Set(ids(dim.shared))).toEqual(new Set([...sa[dim.dimension]].filter((x) => sb[dim.dimension].has(x))));
      expect(new Set(ids(dim.onlyA))).toEqual(new Set([...sa[dim.dimension]].filter((x) => !sb[dim.dimension].has(x))));
      shared += dim.shared.length;
      union += new Set([...sa[dim.dimension], ...sb[dim.dimension]]).size;
    }
    expect(o.jaccard).toBeCloseTo(shared / union, 10);
    // The pair is not trivially identical or disjoint, so the comparison above means something.
    expect(o.jaccard).toBeGreaterThan(0);
    expect(o.jaccard).toBeLessThan(1);
  });

  it('is symmetric: swapping the models swaps onlyA/onlyB and the tenets, nothing else', async () => {
    const ab = (await data(OVERLAP, { a: CBT, b: PSYAN })).modelOverlap;
    const ba = (await data(OVERLAP, { a: PSYAN, b: CBT })).modelOverlap;
    expect(ba.jaccard).toBe(ab.jaccard);
    ab.dimensions.forEach((d: { jaccard: number; shared: Ids; onlyA: Ids; onlyB: Ids }, i: number) => {
      expect(ba.dimensions[i].jaccard).toBe(d.jaccard);
      expect(ids(ba.dimensions[i].shared)).toEqual(ids(d.shared));
      expect(ids(ba.dimensions[i].onlyA)).toEqual(ids(d.onlyB));
    });
    const pairs = (o: { disagreements: Array<{ tenetOfA: { id: string }; tenetOfB: { id: string } }> }, swap: boolean) =>
      o.disagreements.map((x) => (swap ? `${x.tenetOfB.id}|${x.tenetOfA.id}` : `${x.tenetOfA.id}|${x.tenetOfB.id}`)).sort();
    expect(pairs(ba, true)).toEqual(pairs(ab, false));
  });

  it('lists tenet disagreements that really hold: each tenet held by its model, the two contradicting', async () => {
    const o = (await data(OVERLAP, { a: CBT, b: PSYAN })).modelOverlap;
    expect(o.disagreements.length).toBeGreaterThan(0);
    for (const x of o.disagreements) {
      expect(ids(x.tenetOfA.models)).toContain(CBT);
      expect(ids(x.tenetOfB.models)).toContain(PSYAN);
      const t = await data(`query($id: ID!) { node(id: $id) { ... on Tenet { contradicts { tenet { id } } } } }`, { id: x.tenetOfA.id });
      expect(t.node.contradicts.map((c: { tenet: { id: string } }) => c.tenet.id)).toContain(x.tenetOfB.id);
      expect(x.path.steps.map((s: { type: string }) => s.type)).toEqual(['HOLDS', 'CONTRADICTS', 'HOLDS']);
      expect(x.sources.length).toBeGreaterThan(0);
    }
  });

  it('names an unknown or non-model id with NOT_FOUND', async () => {
    expect(await errorOf(`{ modelOverlap(a: "${CBT}", b: "no-such-model") { jaccard } }`)).toMatchObject({
      code: 'NOT_FOUND',
      id: 'no-such-model',
      field: 'b',
    });
    expect(await errorOf(`{ modelOverlap(a: "thought-record", b: "${CBT}") { jaccard } }`)).toMatchObject({
      code: 'NOT_FOUND',
      id: 'thought-record',
      field: 'a',
    });
  });
});

describe('overlapMatrix', () => {
  it('covers every model when modelIds is omitted, symmetric, with 1 on the diagonal where a model has items', async () => {
    const d = await data(`{ overlapMatrix(dimension: TECHNIQUES) { models { id techniques { id } } jaccard shared } models(first: 100) { totalCount } }`);
    const m = d.overlapMatrix;
    expect(m.models.length).toBe(d.models.totalCount);
    m.models.forEach((row: { id: string; techniques: Ids }, i: number) => {
      expect(m.jaccard[i][i]).toBe(row.techniques.length ? 1 : null);
      expect(m.shared[i][i]).toBe(row.techniques.length);
      for (let j = 0; j < m.models.length; j++) expect(m.jaccard[i][j]).toBe(m.jaccard[j][i]);
    });
  });

  it('agrees with modelOverlap for a chosen pair, in id order', async () => {
    const d = await data(
      `{ overlapMatrix(modelIds: ["${PSYDYN}", "${CBT}"], dimension: TENETS) { models { id } jaccard } modelOverlap(a: "${CBT}", b: "${PSYDYN}") { dimensions { dimension jaccard } } }`,
    );
    expect(ids(d.overlapMatrix.models)).toEqual([CBT, PSYDYN]);
    const tenets = d.modelOverlap.dimensions.find((x: { dimension: string }) => x.dimension === 'TENETS');
    expect(d.overlapMatrix.jaccard[0][1]).toBe(tenets.jaccard);
  });

  it('names an unknown model id', async () => {
    expect(await errorOf(`{ overlapMatrix(modelIds: ["${CBT}", "nope"], dimension: TENETS) { jaccard } }`)).toMatchObject({
      code: 'NOT_FOUND',
      id: 'nope',
      field: 'modelIds',
    });
  });
});

describe('connections', () => {
  const Q = `query($from: ID!, $to: ID!, $hops: Int, $first: Int) { connections(fromId: $from, toId: $to, maxHops: $hops, first: $first) {
    text steps { type from { id } to { id } evidence sources { id } }
  } }`;

  it('returns shortest paths from one entity to the other whose every step exists, with its type and sources', async () => {
    const paths = (await data(Q, { from: DBT, to: PSYAN, hops: 4, first: 5 })).connections;
    expect(paths.length).toBeGreaterThan(0);
    const length = paths[0].steps.length;
    for (const p of paths) {
      expect(p.steps.length).toBe(length); // all shortest
      // Walk the chain from fromId, following each step in whichever direction it is stored.
      let at = DBT;
      for (const s of p.steps) {
        expect([s.from.id, s.to.id]).toContain(at);
        at = s.from.id === at ? s.to.id : s.from.id;
        expect(s.sources.length).toBeGreaterThan(0);
        // The relationship is really in the graph, with that type and direction.
        const links = await data(`query($id: ID!) { node(id: $id) { ... on Sourced { evidence } ...L } } fragment L on Node { __typename }`, { id: s.from.id });
        expect(links.node).not.toBeNull();
        const out = await gql(
          `query($id: ID!, $t: [RelationshipType!]) { node(id: $id) { ... on Model { links(types: $t, direction: OUT) { node { id } } } ... on Technique { links(types: $t, direction: OUT) { node { id } } } ... on Tenet { links(types: $t, direction: OUT) { node { id } } } ... on Mechanism { links(types: $t, direction: OUT) { node { id } } } ... on CommonFactor { links(types: $t, direction: OUT) { node { id } } } ... on Domain { links(types: $t, direction: OUT) { node { id } } } ... on Modality { links(types: $t, direction: OUT) { node { id } } } ... on Phase { links(types: $t, direction: OUT) { node { id } } } ... on ProcessOfChange { links(types: $t, direction: OUT) { node { id } } } ... on IntegrationStrategy { links(types: $t, direction: OUT) { node { id } } } } }`,
          { id: s.from.id, t: [s.type] },
        );
        expect(out.body.data.node.links.map((l: { node: { id: string } }) => l.node.id)).toContain(s.to.id);
      }
      expect(at).toBe(PSYAN);
      expect(p.text.length).toBeGreaterThan(0);
    }
  });

  it('returns nothing when no path is short enough, and respects first', async () => {
    const one = (await data(Q, { from: DBT, to: PSYAN, hops: 6, first: 1 })).connections;
    expect(one.length).toBe(1);
    const shortest = one[0].steps.length;
    if (shortest > 1) expect((await data(Q, { from: DBT, to: PSYAN, hops: shortest - 1, first: 5 })).connections).toEqual([]);
  });

  it('validates maxHops and first, and names unknown ids', async () => {
    expect(await errorOf(Q, { from: DBT, to: PSYAN, hops: 7 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHops' });
    expect(await errorOf(Q, { from: DBT, to: PSYAN, hops: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHops' });
    expect(await errorOf(Q, { from: DBT, to: PSYAN, first: -2 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await errorOf(Q, { from: 'nowhere', to: PSYAN })).toMatchObject({ code: 'NOT_FOUND', id: 'nowhere', field: 'fromId' });
    expect(await errorOf(Q, { from: DBT, to: 'nowhere' })).toMatchObject({ code: 'NOT_FOUND', id: 'nowhere', field: 'toId' });
    expect(await errorOf(Q, { from: DBT, to: DBT })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toId' });
  });
});

describe('neighborhood', () => {
  const Q = `query($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) {
    center { id } depth truncated nodes { distance node { id } } edges { id fromId toId type evidence sources { id } }
  } }`;

  it('depth 1 is exactly the entity and its direct neighbours, with the edges among them', async () => {
    const hood = (await data(Q, { id: PSYDYN, depth: 1 })).neighborhood;
    const links = await data(`{ model(id: "${PSYDYN}") { links { node { id } } } }`);
    const expected = new Set([PSYDYN, ...links.model.links.map((l: { node: { id: string } }) => l.node.id)]);
    expect(new Set(hood.nodes.map((n: { node: { id: string } }) => n.node.id))).toEqual(expected);
    for (const n of hood.nodes) expect(n.distance).toBe(n.node.id === PSYDYN ? 0 : 1);
    for (const e of hood.edges) {
      expect(expected.has(e.fromId) && expected.has(e.toId)).toBe(true);
      expect(e.id).toBe(`${e.fromId}|${e.type}|${e.toId}`);
    }
    // Every relationship of the centre is drawn.
    expect(hood.edges.filter((e: { fromId: string; toId: string }) => e.fromId === PSYDYN || e.toId === PSYDYN).length).toBe(links.model.links.length);
  });

  it('depth 2 grows the set but never beyond distance 2; depth 0 is the entity alone', async () => {
    const one = (await data(Q, { id: PSYDYN, depth: 1 })).neighborhood;
    const two = (await data(Q, { id: PSYDYN, depth: 2 })).neighborhood;
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    for (const n of two.nodes) expect(n.distance).toBeLessThanOrEqual(2);
    expect(two.nodes.length).toBeLessThanOrEqual(300);
    const zero = (await data(Q, { id: PSYDYN, depth: 0 })).neighborhood;
    expect(zero.nodes).toEqual([{ distance: 0, node: { id: PSYDYN } }]);
  });

  it('validates depth and names an unknown id', async () => {
    expect(await errorOf(Q, { id: PSYDYN, depth: 4 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    expect(await errorOf(Q, { id: PSYDYN, depth: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    expect(await errorOf(Q, { id: 'nothing-here' })).toMatchObject({ code: 'NOT_FOUND', id: 'nothing-here', field: 'id' });
  });
});

/** Counts of the whole graph from GraphQL alone: every entity list, and every entity's outgoing relationships. */
async function graphCounts(): Promise<{ nodes: number; edges: number }> {
  const L = 'links(direction: OUT) { type }';
  const d = await data(`{
    models(first: 100) { totalCount edges { node { ${L} } } }
    modalities { ${L} } integrationStrategies { ${L} } commonFactors { ${L} } clientFactors { ${L} } therapeuticFactors { ${L} }
    phases { ${L} } stagesOfChange { ${L} } processesOfChange { ${L} } domains { ${L} } mechanisms { ${L} } contraindications { ${L} }
    tenets { ${L} } targets { ${L} } sources { id }
  }`);
  const lists: Array<Array<{ links: unknown[] }>> = [d.models.edges.map((e: { node: { links: unknown[] } }) => e.node)];
  for (const k of [
    'modalities',
    'integrationStrategies',
    'commonFactors',
    'clientFactors',
    'therapeuticFactors',
    'phases',
    'stagesOfChange',
    'processesOfChange',
    'domains',
    'mechanisms',
    'contraindications',
    'tenets',
    'targets',
  ])
    lists.push(d[k]);
  expect(d.models.edges.length).toBe(d.models.totalCount);
  // Techniques page through the cursor connection.
  let after: string | null = null;
  const techniques: Array<{ links: unknown[] }> = [];
  for (;;) {
    const p: any = await data(
      `query($after: String) { techniques(first: 100, after: $after) { edges { node { ${L} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    techniques.push(...p.techniques.edges.map((e: { node: { links: unknown[] } }) => e.node));
    if (!p.techniques.pageInfo.hasNextPage) break;
    after = p.techniques.pageInfo.endCursor;
  }
  lists.push(techniques);
  const all = lists.flat();
  return { nodes: all.length + d.sources.length, edges: all.reduce((n, x) => n + x.links.length, 0) };
}

async function get(path: string) {
  const res = await fetch(`${baseUrl()}${path}`);
  expect(res.status, path).toBe(200);
  return { type: res.headers.get('content-type') ?? '', text: await res.text(), link: res.headers.get('link') ?? '' };
}

describe('exports', () => {
  it('serve JSON-LD, GraphML and CSV that agree with the graph GraphQL reports', async () => {
    const counts = await graphCounts();
    expect(counts.edges).toBeGreaterThan(0);

    const jsonld = await get('/export/graph.jsonld');
    expect(jsonld.type).toContain('application/ld+json');
    expect(jsonld.link).toContain('creativecommons.org/licenses/by/4.0');
    const doc = JSON.parse(jsonld.text);
    expect(typeof doc['@context']).toBe('object');
    const graph = doc['@graph'] as Array<{ id: string; type: string | string[] }>;
    const rels = graph.filter((n) => n.type === 'ipkg:Relationship');
    const entities = graph.filter((n) => Array.isArray(n.type) && n.type[0].startsWith('ipkg:'));
    expect(entities.length).toBe(counts.nodes);
    expect(rels.length).toBe(counts.edges);
    expect(new Set(graph.map((n) => n.id)).size).toBe(graph.length); // every IRI distinct
    const context = JSON.parse((await get('/export/context.jsonld')).text);
    expect(context['@context']).toEqual(doc['@context']);

    const graphml = await get('/export/graph.graphml');
    const root = parseXml(graphml.text);
    const [g] = childrenNamed(root, 'graph');
    expect(childrenNamed(g, 'node').length).toBe(counts.nodes);
    expect(childrenNamed(g, 'edge').length).toBe(counts.edges);
    const declared = new Set(childrenNamed(root, 'key').map((k) => k.attrs.id));
    for (const e of [...childrenNamed(g, 'node'), ...childrenNamed(g, 'edge')])
      for (const x of childrenNamed(e, 'data')) expect(declared.has(x.attrs.key)).toBe(true);

    const nodes = await get('/export/nodes.csv');
    const edges = await get('/export/edges.csv');
    expect(nodes.type).toContain('text/csv');
    // Records end in CRLF; newlines inside quoted fields are bare LF in this data, so CRLF counts records.
    expect(nodes.text.split('\r\n').length - 2).toBe(counts.nodes);
    expect(edges.text.split('\r\n').length - 2).toBe(counts.edges);
    expect(nodes.text.split('\r\n')[0]).toMatch(/^id,label,name,description,aliases,evidence,sources,iri/);
    expect(edges.text.split('\r\n')[0]).toMatch(/^from,type,to,evidence,sources/);
  });
});
