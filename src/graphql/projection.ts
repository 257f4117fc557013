import { defaultFieldResolver, Kind, type GraphQLFieldResolver, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Context } from './context.js';

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

function collect(info: GraphQLResolveInfo): string[] {
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
