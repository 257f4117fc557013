import { describe, expect, it } from 'vitest';
import type { EdgeRow, NodeRow, SeedGraph } from './compile.js';
import { planLoad } from './load.js';

const node = (id: string, hash = 'h'): NodeRow => ({ id, label: 'Mechanism', hash, props: { id, name: id } });
const edge = (from: string, to: string, hash = 'e'): EdgeRow => ({ from, to, type: 'RELATED_TO', hash, props: {} });
const graph = (nodes: NodeRow[], edges: EdgeRow[]): SeedGraph => ({ nodes, edges, mappings: [], files: [] });

describe('planLoad', () => {
  it('stages every node and relationship of an empty database', () => {
    const g = graph([node('a'), node('b')], [edge('a', 'b')]);
    const p = planLoad(g, new Map(), new Map());
    expect(p.stageNodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(p.stageEdges).toHaveLength(1);
    expect(p.changedNodes).toEqual([]);
    expect(p.flipEdges).toEqual([]);
  });

  it('leaves unchanged rows out, and sends changes between existing nodes to the final transaction', () => {
    const g = graph([node('a'), node('b', 'new'), node('c')], [edge('a', 'b'), edge('b', 'a', 'changed'), edge('a', 'c')]);
    const nodes = new Map<string, string | null>([
      ['a', 'h'],
      ['b', 'old'],
    ]);
    const edges = new Map([
      ['a|RELATED_TO|b', 'e'],
      ['b|RELATED_TO|a', 'e'],
    ]);
    const p = planLoad(g, nodes, edges);
    expect(p.stageNodes.map((n) => n.id)).toEqual(['c']);
    expect(p.changedNodes.map((n) => n.id)).toEqual(['b']);
    // a->c has a new end: staged with c; b->a changed between existing nodes: the flip; a->b is unchanged.
    expect(p.stageEdges.map((e) => `${e.from}>${e.to}`)).toEqual(['a>c']);
    expect(p.flipEdges.map((e) => `${e.from}>${e.to}`)).toEqual(['b>a']);
  });

  it('treats a curated addition (no seed hash) the seed now holds as a change, not a new node', () => {
    const p = planLoad(graph([node('a')], []), new Map([['a', null]]), new Map());
    expect(p.stageNodes).toEqual([]);
    expect(p.changedNodes.map((n) => n.id)).toEqual(['a']);
  });
});
