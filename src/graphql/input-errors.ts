import { GraphQLError, Kind, parse, visit, type ASTNode } from 'graphql';

/**
 * Bad argument values are the client's input errors, whether they arrive as variables (Apollo already says
 * BAD_USER_INPUT) or inline in the document (graphql-js reports them as validation errors). This gives both the
 * same code and names the field, e.g. `profile.reactance`.
 */
const VALUE_ERROR =
  /does not exist in ".*" enum|cannot represent|Expected value of type|Expected type|is not defined by type|of required type .* was not provided/;

export function inputFieldOf(error: GraphQLError): string | undefined {
  const fromVariable = /at "([^"]+)"/.exec(error.message) ?? /^Variable "\$([^"]+)"/.exec(error.message);
  if (fromVariable) return fromVariable[1];
  const node = error.nodes?.[0];
  if (!node?.loc || !error.source) return undefined;
  const target = node.loc.start;
  let found: string | undefined;
  const path: string[] = [];
  try {
    visit(parse(error.source.body), {
      enter(n: ASTNode) {
        if (n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD) path.push(n.name.value);
        if (found === undefined && n.loc?.start === target && path.length) found = path.join('.');
      },
      leave(n: ASTNode) {
        if (n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD) path.pop();
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

export function isInputValueError(error: unknown, code: unknown): error is GraphQLError {
  return (
    (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT') &&
    typeof error === 'object' &&
    error !== null &&
    VALUE_ERROR.test(String((error as { message?: unknown }).message))
  );
}
