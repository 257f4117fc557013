import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Context } from './context.js';
import { completingFieldResolver, nestedFields, selectedFields } from './projection.js';
import { unpack } from './unpack.js';

/** Projection on a small hand-made schema, executed by graphql-js itself: no service, no database. */

const schema = buildSchema(`
  type Query { model: Model links: [Link!]! }
  interface Entity { id: ID! name: String }
  type Model implements Entity { id: ID! name: String description: String year: Int techniques: [Technique!]! }
  type Technique implements Entity { id: ID! name: String description: String }
  type Link { node: Entity! reason: String sources: [Source!]! }
  type Source { id: ID! title: String }
`);

/** Runs a query whose root fields record what selectedFields / nestedFields saw. */
async function seen(query: string): Promise<{ selected: string[]; nested: string[] }> {
  const out = { selected: [] as string[], nested: [] as string[] };
  const rootValue = {
    model: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      out.selected = selectedFields(info);
      return null;
    },
    links: (_: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      out.nested = nestedFields(info);
      return [];
    },
  };
  const r = await graphql({ schema, source: query, rootValue });
  expect(r.errors).toBeUndefined();
  return out;
}

describe('selectedFields', () => {
  it('lists the fields selected on the returned object, sorted, without __typename', async () => {
    expect((await seen('{ model { year __typename name id } }')).selected).toEqual(['id', 'name', 'year']);
  });

  it('reaches through named and inline fragments, nested ones included', async () => {
    const q = '{ model { id ...F ... on Model { year } } } fragment F on Model { description ...G } fragment G on Entity { name }';
    expect((await seen(q)).selected).toEqual(['description', 'id', 'name', 'year']);
  });

  it('names a list field but not what is selected inside it (that level projects itself)', async () => {
    expect((await seen('{ model { id techniques { description } } }')).selected).toEqual(['id', 'techniques']);
  });

  it('merges the selections of a field asked twice in one operation', async () => {
    expect((await seen('{ model { id } model { name } }')).selected).toEqual(['id', 'name']);
  });

  it('gives the same answer for every item of a list (memoised on the shared field nodes)', () => {
    // Hand-made info: the same fieldNodes array twice must give the same array back.
    const fieldNodes = [
      {
        kind: 'Field',
        name: { kind: 'Name', value: 'model' },
        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
      },
    ];
    const info = { fieldNodes, fragments: {} } as unknown as GraphQLResolveInfo;
    const first = selectedFields(info);
    expect(first).toEqual(['id']);
    expect(selectedFields({ ...info } as GraphQLResolveInfo)).toBe(first);
  });
});

describe('nestedFields', () => {
  it('lists the fields selected one level down, across every object field of the edge', async () => {
    const q = '{ links { reason node { id ... on Model { year } } sources { title } } }';
    // node's id, year and sources' title: the edge's own scalar (reason) is not a nested field
    expect((await seen(q)).nested).toEqual(['id', 'title', 'year']);
  });

  it('follows fragments inside the nested selections', async () => {
    const q = '{ links { node { ...N } } } fragment N on Entity { name }';
    expect((await seen(q)).nested).toEqual(['name']);
  });
});

describe('unpack', () => {
  it('turns __props pairs into properties, keeping a missing property as null (so it is not fetched again)', () => {
    const node = {
      id: 'm',
      __partial: true,
      __props: [
        ['name', 'Model'],
        ['year', undefined],
        ['description', null],
      ] as Array<[string, unknown]>,
    };
    expect(unpack(node)).toEqual({ id: 'm', __partial: true, name: 'Model', year: null, description: null });
  });

  it('returns a node without __props as it is', () => {
    const node = { id: 'm', name: 'Model' };
    expect(unpack(node)).toBe(node);
  });
});

describe('completingFieldResolver', () => {
  const partialSchema = buildSchema(`type Query { model: Model } type Model { id: ID! name: String description: String year: Int }`);

  async function run(query: string, model: Record<string, unknown>, full: Record<string, Record<string, unknown> | null>) {
    const loads: string[] = [];
    const contextValue = {
      loaders: {
        nodes: {
          load: async (id: string) => {
            loads.push(id);
            return full[id] ?? null;
          },
        },
      },
    } as unknown as Context;
    const r = await graphql({ schema: partialSchema, source: query, rootValue: { model }, contextValue, fieldResolver: completingFieldResolver });
    return { data: r.data as { model: Record<string, unknown> }, errors: r.errors, loads };
  }

  it('answers from a whole node without loading anything', async () => {
    const r = await run('{ model { id name description } }', { id: 'm', name: 'Model', description: 'd' }, {});
    expect(r.data.model).toEqual({ id: 'm', name: 'Model', description: 'd' });
    expect(r.loads).toEqual([]);
  });

  it('answers a projected property, even a null one, from the projection', async () => {
    const r = await run('{ model { id name year } }', { id: 'm', __partial: true, name: 'Model', year: null }, {});
    expect(r.data.model).toEqual({ id: 'm', name: 'Model', year: null });
    expect(r.loads).toEqual([]);
  });

  it('completes a property the projection left out from the whole node, through the nodes loader', async () => {
    const r = await run('{ model { id description year } }', { id: 'm', __partial: true }, { m: { id: 'm', description: 'full text', year: 1979 } });
    expect(r.data.model).toEqual({ id: 'm', description: 'full text', year: 1979 });
    expect(r.loads).toEqual(['m', 'm']); // one load per missing field; the DataLoader batches and caches them into one query
  });

  it('answers null when the node has gone since the projection was read', async () => {
    const r = await run('{ model { id description } }', { id: 'gone', __partial: true }, {});
    expect(r.errors).toBeUndefined();
    expect(r.data.model).toEqual({ id: 'gone', description: null });
  });
});
