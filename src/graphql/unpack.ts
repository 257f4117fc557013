/**
 * Turns the `__props` pairs a projecting query returns into plain properties (see src/graphql/projection.ts). Kept
 * apart from the projection's field resolver, which reads the loaders: the loaders unpack rows, so this sits below both.
 */
export function unpack<T extends Record<string, unknown>>(node: T): T {
  const pairs = node.__props as Array<[string, unknown]> | undefined;
  if (!pairs) return node;
  const { __props: _drop, ...rest } = node;
  // A property the node lacks is projected as null, not left out, so it is not fetched again.
  for (const [k, v] of pairs) (rest as Record<string, unknown>)[k] = v ?? null;
  return rest as T;
}
