import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type QueryLimits } from '../config.js';
import { checkDocumentText, checkLimits, measure, textNesting } from './limits.js';

/** The query-limit rules on a small hand-made schema: no service, no database. */

const schema = buildSchema(`
  type Query {
    model(id: ID!): Model
    models(first: Int = 20): ModelConnection!
    techniques(first: Int): [Technique!]!
    tags: [String!]!
  }
  type ModelConnection { edges: [ModelEdge!]! totalCount: Int! }
  type ModelEdge { node: Model! cursor: String! }
  type Model { id: ID! name: String! techniques: [Technique!]! }
  type Technique { id: ID! models: [Model!]! }
  type Mutation { touch(id: ID!): Model }
`);

const LIST_COST = 10;
function measured(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return measure(schema, document, operation, variables, LIST_COST);
}

describe('measure: depth', () => {
  it('counts nested selections, leaves included', () => {
    expect(measured('{ model(id: "a") { id } }').depth).toBe(2);
    expect(measured('{ model(id: "a") { techniques { models { id } } } }').depth).toBe(4);
  });

  it('expands fragments and inline fragments into the depth of the field that spreads them', () => {
    const q = '{ model(id: "a") { ...M } } fragment M on Model { techniques { ... on Technique { models { id } } } }';
    expect(measured(q).depth).toBe(4);
  });

  it('skips introspection fields (graphql-js bounds them itself)', () => {
    expect(measured('{ __schema { types { fields { type { name } } } } }')).toEqual({ depth: 0, aliases: 0, cost: 0 });
  });
});

describe('measure: aliases', () => {
  it('counts every aliased field, in operations and fragments alike', () => {
    const q = '{ a: model(id: "a") { n: name } b: model(id: "b") { ...M } } fragment M on Model { x: id y: id }';
    expect(measured(q).aliases).toBe(5);
  });

  it('an unaliased document has none', () => {
    expect(measured('{ model(id: "a") { id name } }').aliases).toBe(0);
  });
});

describe('measure: cost', () => {
  it('a field costs 1 plus its children times 1 when it returns one object', () => {
    // model 1 + (id 1 + name 1)
    expect(measured('{ model(id: "a") { id name } }').cost).toBe(3);
  });

  it('multiplies a list without `first` by listCost', () => {
    // model 1 + techniques (1 + 10 * id 1)
    expect(measured('{ model(id: "a") { techniques { id } } }').cost).toBe(1 + 1 + LIST_COST);
  });

  it('multiplies by a literal `first`, or by one read from the variables', () => {
    expect(measured('{ techniques(first: 3) { id } }').cost).toBe(1 + 3);
    expect(measured('query($n: Int) { techniques(first: $n) { id } }', { n: 7 }).cost).toBe(1 + 7);
  });

  it('falls back to the argument default when `first` is not given, and to listCost when a variable is not a number', () => {
    // models: first defaults to 20; edges of a connection is not multiplied again; node 1 + id 1
    expect(measured('{ models { edges { node { id } } } }').cost).toBe(1 + 20 * (1 + (1 + 1)));
    expect(measured('query($n: Int) { techniques(first: $n) { id } }', { n: 'lots' }).cost).toBe(1 + LIST_COST);
  });

  it('multiplies through nesting, so nested lists grow the estimate geometrically', () => {
    const q = '{ techniques(first: 10) { models { techniques { id } } } }';
    // techniques 1 + 10 * (models 1 + 10 * (techniques 1 + 10 * id))
    expect(measured(q).cost).toBe(1 + 10 * (1 + 10 * (1 + 10)));
  });

  it('never lets a negative `first` make a query cheaper than its root field', () => {
    expect(measured('{ techniques(first: -5) { id } }').cost).toBe(1);
  });

  it('measures a fragment once per type and reuses it, so a fragment bomb is costed, not expanded', () => {
    const frags = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Technique { models { techniques { ...F${i + 1} } } }`).join('\n');
    const q = `{ techniques(first: 2) { ...F0 } }\n${frags}\nfragment F30 on Technique { id }`;
    const started = Date.now();
    const m = measured(q);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(m.depth).toBe(1 + 2 * 30 + 1);
    expect(m.cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
  });

  it('survives a fragment cycle (validation reports it; the walk must not loop)', () => {
    const q = '{ techniques(first: 1) { ...A } } fragment A on Technique { models { techniques { ...A } } }';
    expect(() => measured(q)).not.toThrow();
  });

  it('measures mutations against the mutation root', () => {
    expect(measured('mutation { touch(id: "a") { id } }')).toEqual({ depth: 2, aliases: 0, cost: 2 });
  });
});

describe('checkLimits', () => {
  const limits: QueryLimits = { ...DEFAULT_LIMITS, maxDepth: 4, maxAliases: 2, maxCost: 100 };

  it('passes an operation at every limit exactly', () => {
    expect(checkLimits({ depth: 4, aliases: 2, cost: 100 }, limits)).toBeUndefined();
  });

  it('names the limit broken, with the limit and the actual value, and a 400', () => {
    expect(checkLimits({ depth: 5, aliases: 0, cost: 1 }, limits)?.extensions).toMatchObject({
      code: 'QUERY_TOO_DEEP',
      limit: 4,
      actual: 5,
      http: { status: 400 },
    });
    expect(checkLimits({ depth: 1, aliases: 3, cost: 1 }, limits)?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: 2, actual: 3 });
    expect(checkLimits({ depth: 1, aliases: 0, cost: 101 }, limits)?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 100, actual: 101 });
  });

  it('reports depth before aliases before cost when several are broken', () => {
    expect(checkLimits({ depth: 9, aliases: 9, cost: 9_999 }, limits)?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(checkLimits({ depth: 1, aliases: 9, cost: 9_999 }, limits)?.extensions?.code).toBe('TOO_MANY_ALIASES');
  });
});

describe('textNesting', () => {
  it('counts the deepest nesting of {, [ and ( together', () => {
    expect(textNesting('{ a(b: [1]) { c } }')).toBe(3);
    expect(textNesting('{}{}{}')).toBe(1);
    expect(textNesting('')).toBe(0);
  });

  it('ignores brackets inside strings, block strings and comments', () => {
    expect(textNesting('{ a(s: "{{{{[[[(((") }')).toBe(2);
    expect(textNesting('{ a(s: """ {{{{ \n {{{{ """) }')).toBe(2);
    expect(textNesting('{ a # {{{{{{\n }')).toBe(1);
    expect(textNesting('{ a(s: "escaped \\" {{{{") }')).toBe(2);
  });

  it('never goes negative on stray closing brackets', () => {
    expect(textNesting('}}}} { a }')).toBe(1);
  });

  it('walks a deep document without recursion', () => {
    expect(textNesting('{a'.repeat(200_000))).toBe(200_000);
  });
});

describe('checkDocumentText', () => {
  const limits = { maxDocumentBytes: 100, maxDepth: 5 };

  it('accepts a small, shallow document and ignores a non-string query (the HTTP layer reports that)', () => {
    expect(checkDocumentText('{ model(id: "a") { id } }', limits)).toBeUndefined();
    expect(checkDocumentText(undefined, limits)).toBeUndefined();
    expect(checkDocumentText(42, limits)).toBeUndefined();
  });

  it('measures size in UTF-8 bytes, not characters', () => {
    // 52 characters, 102 bytes
    expect(checkDocumentText(`# ${'é'.repeat(50)}`, limits)?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 100, actual: 102 });
    expect(checkDocumentText(`# ${'é'.repeat(49)}`, limits)).toBeUndefined();
  });

  it('bounds bracket nesting at twice the depth limit plus ten', () => {
    expect(checkDocumentText('{a'.repeat(20), limits)).toBeUndefined();
    expect(checkDocumentText('{a'.repeat(21), limits)?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 20, actual: 21 });
  });
});
