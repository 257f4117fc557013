import { describe, expect, it } from 'vitest';
import { compileSeed } from './compile.js';
import { syntheticGraph, VOCABULARY } from './synthetic.js';

const curated = compileSeed().graph;

describe('syntheticGraph', () => {
  it('is the curated graph at 1x', () => {
    expect(syntheticGraph(curated, 1)).toEqual(curated);
  });

  it('clones every content node once per copy and never the vocabularies', () => {
    const g = syntheticGraph(curated, 10);
    const content = curated.nodes.filter((n) => !VOCABULARY.has(n.label)).length;
    expect(g.nodes.length).toBe(curated.nodes.length + 9 * content);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
    expect(g.nodes.filter((n) => VOCABULARY.has(n.label)).length).toBe(curated.nodes.length - content);
  });

  it('keeps each copy’s degree per relationship type, and only points at nodes that exist', () => {
    const g = syntheticGraph(curated, 10);
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(g.edges.every((e) => ids.has(e.from) && ids.has(e.to))).toBe(true);
    const out = (edges: typeof g.edges, id: string) =>
      edges
        .filter((e) => e.from === id)
        .map((e) => e.type)
        .sort();
    for (const id of ['cognitive-restructuring', 'person-centered-therapy']) {
      expect(out(curated.edges, id).length).toBeGreaterThan(3);
      expect(out(g.edges, `${id}-x4`)).toEqual(out(curated.edges, id));
    }
  });

  it('grows by adding only: the 10x graph is part of the 100x graph', () => {
    const small = syntheticGraph(curated, 10);
    const big = syntheticGraph(curated, 100);
    const keys = new Set(big.edges.map((e) => `${e.from}|${e.type}|${e.to}`));
    expect(small.edges.every((e) => keys.has(`${e.from}|${e.type}|${e.to}`))).toBe(true);
  });
});
