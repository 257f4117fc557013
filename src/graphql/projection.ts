import {
  defaultFieldResolver,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from './context.js';
import type { LinkSpec } from './loaders.js';

/**
 * Projection: queries return only the properties a request selects, instead of whole nodes (descriptions are most
 * of a node's bytes). A projected node carries `__partial: true`; should a resolver need a property the projection
 * left out, `completingFieldResolver` fetches the whole node through the per-request `nodes` DataLoader, so a
 * projection can only ever cost one batched query per level, never a wrong answer.
 */

// graphql-js hands every item of a list the same fieldNodes array, so the answer is computed once per selection.
const memo = new WeakMap<readonly unknown[], string[]>();

/** Names of the fields selected on the objects a field returns, through fragments and inline fragments. */
export function selectedFields(info: GraphQLResolveInfo): string[] {
  const known = memo.get(info.fieldNodes);
  if (known) return known;
  const fields = collect(info);
  memo.set(info.fieldNodes, fields);
  return fields;
}

function collect(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): string[] {
  const out = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        visit(info.fragments[s.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  out.delete('__typename');
  return [...out].sort();
}

/** A field that lists neighbours over one relationship type, without arguments (src/graphql/resolvers/entities.ts). */
export type Relation = Pick<LinkSpec, 'direction' | 'type' | 'label'>;
/** Which fields of a type are plain relationship fields, and how each is loaded. */
export type RelationOf = (type: GraphQLObjectType, field: string) => Relation | undefined;

/**
 * The object type a field returns, through lists and non-null; undefined for interfaces, unions and scalars. By
 * tag rather than graphql-js's instanceof checks: Apollo's schema may come from another copy of the module.
 */
function objectType(type: GraphQLOutputType | undefined): GraphQLObjectType | undefined {
  let t: unknown = type;
  while (t && typeof t === 'object' && 'ofType' in t) t = t.ofType;
  return t && (t as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'GraphQLObjectType' ? (t as GraphQLObjectType) : undefined;
}

const aheadMemo = new WeakMap<readonly unknown[], LinkSpec[] | null>();

/**
 * Look-ahead: the relationship fields selected on the objects a list field returns, each with the projection its
 * resolver will ask for (the same `selectedFields`) and, recursively, the ones selected below it. Only a plain
 * selection is looked into: a level with fragments or directives (whose fields graphql-js may merge or skip), or a
 * field with arguments, is left to load itself, so a look-ahead can only save queries, never change an answer.
 */
export function lookAhead(info: GraphQLResolveInfo, relationOf: RelationOf): LinkSpec[] | undefined {
  let known = aheadMemo.get(info.fieldNodes);
  if (known === undefined) {
    const type = objectType(info.returnType);
    known = (type && specsBelow(info.fieldNodes, info.fragments, type, relationOf)) ?? null;
    aheadMemo.set(info.fieldNodes, known);
  }
  return known ?? undefined;
}

/** The look-ahead below `nodes` (the field nodes of one response key), whose objects are of `type`. */
export function specsBelow(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  relationOf: RelationOf,
): LinkSpec[] | undefined {
  const byKey = new Map<string, FieldNode[]>();
  for (const node of nodes) {
    for (const s of node.selectionSet?.selections ?? []) {
      if (s.kind !== Kind.FIELD || s.directives?.length) return undefined;
      const key = s.alias?.value ?? s.name.value;
      byKey.set(key, [...(byKey.get(key) ?? []), s]);
    }
  }
  const specs: LinkSpec[] = [];
  for (const group of byKey.values()) {
    const name = group[0].name.value;
    if (group.some((f) => f.arguments?.length)) continue;
    const relation = relationOf(type, name);
    const target = objectType(type.getFields()[name]?.type);
    if (!relation || !target) continue;
    const below = specsBelow(group, fragments, target, relationOf);
    specs.push({ ...relation, fields: collect({ fieldNodes: group, fragments }), ...(below ? { below } : {}) });
  }
  return specs.length ? specs : undefined;
}

/** For fields returning edge objects ({ node, sources, ... }): the fields selected one level further down. */
export function nestedFields(info: GraphQLResolveInfo): string[] {
  const known = nestedMemo.get(info.fieldNodes);
  if (known) return known;
  const out = new Set<string>();
  for (const node of info.fieldNodes) {
    for (const s of node.selectionSet?.selections ?? []) {
      if (s.kind !== Kind.FIELD || !s.selectionSet) continue;
      for (const f of collect({ ...info, fieldNodes: [s] })) out.add(f);
    }
  }
  const fields = [...out].sort();
  nestedMemo.set(info.fieldNodes, fields);
  return fields;
}
const nestedMemo = new WeakMap<readonly unknown[], string[]>();

/** The schema-wide default resolver: a property a projection left out is completed from the whole node. */
export const completingFieldResolver: GraphQLFieldResolver<unknown, Context> = (source, args, ctx, info) => {
  if (source && typeof source === 'object' && (source as { __partial?: boolean }).__partial && !(info.fieldName in source)) {
    const id = (source as { id: string }).id;
    return ctx.loaders.nodes.load(id).then((full) => (full ? (full as Record<string, unknown>)[info.fieldName] : null));
  }
  return defaultFieldResolver(source, args, ctx, info);
};
