import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { QueryLimits } from '../config.js';
import type { Context } from './context.js';
import { ErrorCode } from './errors.js';

/**
 * Bounds on what one request may ask for, checked after validation and before any resolver runs, so an abusive
 * query costs the service a parse and a walk of its syntax tree, never a database query:
 *
 * - depth: nesting of selections, fragments expanded;
 * - aliases: aliased fields in the document (aliases are how one request asks the same costly field many times);
 * - cost: an estimate of the fields resolved. A field costs 1 plus its children's cost times its multiplier:
 *   the `first` argument when it has one (a variable is read from the request), otherwise `listCost` for a
 *   list-returning field, otherwise 1. `edges` of a connection is not multiplied again: `first` already was.
 *
 * The document's size and bracket nesting are checked before parsing (server.ts, `checkDocumentText`) and the parser itself stops after
 * `maxTokens` tokens (ApolloServer `parseOptions`). Introspection fields (`__schema`, `__type`) are skipped: graphql-js
 * bounds their depth itself (MaxIntrospectionDepthRule) and IPKG_INTROSPECTION=false turns them off.
 */

export interface QueryMeasure {
  depth: number;
  aliases: number;
  cost: number;
}

function limitError(code: string, message: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: { status: 400 } } });
}

/** Deepest bracket nesting in a document's text, outside strings and comments: a lexical pass, no recursion. */
export function textNesting(query: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '"') {
      const block = query.startsWith('"""', i);
      const end = block ? '"""' : '"';
      i += end.length;
      while (i < query.length && !query.startsWith(end, i) && (block || query[i] !== '\n')) i += query[i] === '\\' ? 2 : 1;
      i += end.length - 1;
    } else if (c === '{' || c === '[' || c === '(') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
  }
  return max;
}

/**
 * Checks a document's text before it is parsed: its size, and a generous bound on bracket nesting (selection sets,
 * arguments and input values together, so twice the depth limit plus slack). The parser is recursive: without
 * this, a few kilobytes of `{a{a{a...` would exhaust its stack. Returns the error to send, if any.
 */
export function checkDocumentText(query: unknown, limits: Pick<QueryLimits, 'maxDocumentBytes' | 'maxDepth'>): GraphQLError | undefined {
  if (typeof query !== 'string') return undefined;
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes > limits.maxDocumentBytes) {
    return limitError(
      ErrorCode.DOCUMENT_TOO_LARGE,
      `The GraphQL document has ${bytes} bytes; at most ${limits.maxDocumentBytes} are accepted`,
      limits.maxDocumentBytes,
      bytes,
    );
  }
  const nesting = textNesting(query);
  const bound = 2 * limits.maxDepth + 10;
  if (nesting > bound)
    return limitError(ErrorCode.QUERY_TOO_DEEP, `The document nests brackets ${nesting} deep; at most ${bound} are accepted`, bound, nesting);
  return undefined;
}

function countAliases(document: DocumentNode): number {
  let n = 0;
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD && s.alias) n += 1;
      if (s.kind !== Kind.FRAGMENT_SPREAD) walk(s.selectionSet);
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) walk(d.selectionSet);
  return n;
}

function argNumber(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

// Types are inspected by shape, not with graphql's isListType & co: under the test runner the schema (Apollo's)
// and this module can hold two copies of graphql, and those helpers check instanceof.
type Composite = { name: string; getFields?: () => Record<string, GraphQLField<unknown, unknown>> };

function namedType(type: GraphQLOutputType): Composite {
  let t = type as { ofType?: unknown };
  while (t.ofType) t = t.ofType as { ofType?: unknown };
  return t as Composite;
}

/** A type condition or root type as a Composite: object and interface types walk their fields; a union has none of its own. */
function composite(t: GraphQLNamedType | null | undefined): Composite | undefined {
  if (!t) return undefined;
  return 'getInterfaces' in t ? t : { name: t.name };
}

const returnsList = (type: GraphQLOutputType) => String(type).startsWith('[');

/** Measures one operation against the schema. Fragments are measured once per (fragment, type) and reused. */
export function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  listCost: number,
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, { depth: number; cost: number }>();

  const fieldOf = (parent: Composite, name: string): GraphQLField<unknown, unknown> | undefined => parent.getFields?.()[name];

  // Depth and cost of a selection set on `parent`; `seen` guards against fragment cycles.
  const walk = (set: SelectionSetNode, parent: Composite, seen: Set<string>): { depth: number; cost: number } => {
    let depth = 0;
    let cost = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        if (name.startsWith('__')) continue;
        const field = fieldOf(parent, name);
        if (!field) continue; // unknown fields never get here (validation); abstract parents resolve below
        const sub = s.selectionSet ? walk(s.selectionSet, namedType(field.type), seen) : { depth: 0, cost: 0 };
        const first = argNumber(s.arguments?.find((a) => a.name.value === 'first')?.value, variables);
        const defaultFirst = field.args.find((a) => a.name === 'first')?.defaultValue;
        const isConnectionEdges = name === 'edges' && parent.name.endsWith('Connection');
        const multiplier = first ?? (typeof defaultFirst === 'number' ? defaultFirst : returnsList(field.type) && !isConnectionEdges ? listCost : 1);
        depth = Math.max(depth, 1 + sub.depth);
        cost += 1 + Math.max(0, multiplier) * sub.cost;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const type = s.typeCondition ? composite(schema.getType(s.typeCondition.name.value)) : parent;
        if (!type) continue;
        const sub = walk(s.selectionSet, type, seen);
        depth = Math.max(depth, sub.depth);
        cost += sub.cost;
      } else {
        const fragment = fragments.get(s.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue; // cycles are a validation error already
        const type = composite(schema.getType(fragment.typeCondition.name.value));
        if (!type) continue;
        const key = `${fragment.name.value}@${type.name}`;
        let sub = memo.get(key);
        if (!sub) {
          sub = walk(fragment.selectionSet, type, new Set(seen).add(fragment.name.value));
          memo.set(key, sub);
        }
        depth = Math.max(depth, sub.depth);
        cost += sub.cost;
      }
    }
    return { depth, cost };
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const rootType = composite(root);
  const { depth, cost } = rootType ? walk(operation.selectionSet, rootType, new Set()) : { depth: 0, cost: 0 };
  return { depth, aliases: countAliases(document), cost };
}

/** The first limit a measured operation breaks, as the error to send. */
export function checkLimits(m: QueryMeasure, limits: QueryLimits): GraphQLError | undefined {
  if (m.depth > limits.maxDepth)
    return limitError(ErrorCode.QUERY_TOO_DEEP, `The query nests ${m.depth} levels deep; at most ${limits.maxDepth} are allowed`, limits.maxDepth, m.depth);
  if (m.aliases > limits.maxAliases)
    return limitError(
      ErrorCode.TOO_MANY_ALIASES,
      `The document uses ${m.aliases} aliases; at most ${limits.maxAliases} are allowed`,
      limits.maxAliases,
      m.aliases,
    );
  if (m.cost > limits.maxCost) {
    return limitError(
      ErrorCode.QUERY_TOO_COSTLY,
      `The query's estimated cost is ${m.cost}; at most ${limits.maxCost} is allowed (ask for smaller pages or fewer nested lists)`,
      limits.maxCost,
      m.cost,
    );
  }
  return undefined;
}

/** The Apollo plugin: measures each operation once it is resolved, before execution (and before the response cache). */
export function queryLimits(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has already refused a document without a runnable operation
          const m = measure(schema, document, operation, (request.variables ?? {}) as Record<string, unknown>, limits.listCost);
          const error = checkLimits(m, limits);
          if (error) throw error;
        },
      };
    },
  };
}
