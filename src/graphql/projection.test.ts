import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Context } from './context.js';
import type { LinkSpec } from './loaders.js';
import { completingFieldResolver, lookAhead, nestedFields, selectedFields, type Relation, type RelationOf } from './projection.js';
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

describe('lookAhead', () => {
  const graph = buildSchema(`
    type Query { models: [Model!]! }
    type Model { id: ID! name: String techniques(first: Int): [Technique!]! tenets: [Tenet!]! founders: [String!]! }
    type Technique { id: ID! name: String mechanisms: [Mechanism!]! models: [Model!]! }
    type Mechanism { id: ID! name: String }
    type Tenet { id: ID! name: String }
  `);
  const RELATIONS: Record<string, Relation> = {
    'Model.techniques': { direction: 'OUT', type: 'USES', label: 'Technique' },
    'Model.tenets': { direction: 'OUT', type: 'HOLDS', label: 'Tenet' },
    'Technique.mechanisms': { direction: 'OUT', type: 'ACTS_THROUGH' },
    'Technique.models': { direction: 'IN', type: 'USES', label: 'Model' },
  };
  const relationOf: RelationOf = (type, field) => RELATIONS[`${type.name}.${field}`];

  /**
   * Runs `query` over one model, one technique and one mechanism, and returns the look-ahead of the root field and
   * what every relationship field's resolver then saw itself (selectedFields, lookAhead), by response path.
   */
  async function ahead(query: string): Promise<{ root: LinkSpec[] | undefined; seen: Record<string, { fields: string[]; below?: LinkSpec[] }> }> {
    const seen: Record<string, { fields: string[]; below?: LinkSpec[] }> = {};
    const at = (info: GraphQLResolveInfo) => {
      const path: Array<string | number> = [];
      for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) if (typeof p.key === 'string') path.unshift(p.key);
      seen[path.join('.')] = { fields: selectedFields(info), below: lookAhead(info, relationOf) };
    };
    const mechanism = { id: 'x', name: 'X' };
    const technique: Record<string, unknown> = { id: 't', name: 'T' };
    const model: Record<string, unknown> = { id: 'm', name: 'M', founders: [] };
    const list = (items: unknown[]) => (_a: unknown, _c: unknown, info: GraphQLResolveInfo) => (at(info), items);
    Object.assign(technique, { mechanisms: list([mechanism]), models: list([model]) });
    Object.assign(model, { techniques: list([technique]), tenets: list([{ id: 'n', name: 'N' }]) });
    let root: LinkSpec[] | undefined;
    const rootValue = {
      models: (_a: unknown, _c: unknown, info: GraphQLResolveInfo) => {
        root = lookAhead(info, relationOf);
        return [model];
      },
    };
    const r = await graphql({ schema: graph, source: query, rootValue });
    expect(r.errors).toBeUndefined();
    return { root, seen };
  }

  it('finds the relationship fields below a list, with the projections their resolvers ask for, level by level', async () => {
    const { root } = await ahead('{ models { id techniques { id name mechanisms { id } } tenets { name } founders } }');
    expect(root).toEqual([
      {
        direction: 'OUT',
        type: 'USES',
        label: 'Technique',
        fields: ['id', 'mechanisms', 'name'],
        below: [{ direction: 'OUT', type: 'ACTS_THROUGH', fields: ['id'] }],
      },
      { direction: 'OUT', type: 'HOLDS', label: 'Tenet', fields: ['name'] },
    ]);
  });

  it('says exactly what each nested resolver then asks for itself, also for aliased and repeated fields', async () => {
    const q = '{ models { t: techniques { id models { id techniques { name } } } techniques { id } techniques { name mechanisms { name } } } }';
    const { root, seen } = await ahead(q);
    expect(root).toHaveLength(2); // `t` and the two `techniques` merged into one response key
    expect(root?.[0]).toMatchObject({ fields: seen['models.t'].fields, below: seen['models.t'].below });
    expect(root?.[1]).toMatchObject({ fields: seen['models.techniques'].fields, below: seen['models.techniques'].below });
    expect(root?.[1].fields).toEqual(['id', 'mechanisms', 'name']);
    expect(root?.[0].below?.[0]).toEqual({
      direction: 'IN',
      type: 'USES',
      label: 'Model',
      fields: seen['models.t.models'].fields,
      below: seen['models.t.models'].below,
    });
  });

  it('leaves out fields with arguments, and does not look into a level with fragments or directives', async () => {
    expect((await ahead('{ models { techniques(first: 2) { id } tenets { id } } }')).root).toEqual([
      { direction: 'OUT', type: 'HOLDS', label: 'Tenet', fields: ['id'] },
    ]);
    expect((await ahead('{ models { ...F } } fragment F on Model { tenets { id } }')).root).toBeUndefined();
    expect((await ahead('{ models { tenets @include(if: true) { id } } }')).root).toBeUndefined();
    // The projection still names the fields behind the fragment; only the look-ahead stops there.
    expect((await ahead('{ models { techniques { id ... on Technique { mechanisms { id } } } } }')).root).toEqual([
      { direction: 'OUT', type: 'USES', label: 'Technique', fields: ['id', 'mechanisms'] },
    ]);
  });

  it('finds nothing below a list of scalars-only objects', async () => {
    expect((await ahead('{ models { id name founders } }')).root).toBeUndefined();
  });
});
