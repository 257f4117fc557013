import { GraphQLError } from 'graphql';

/**
 * The stable `extensions.code` values clients can rely on (listed in the README). Apollo adds its own
 * GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST and PERSISTED_QUERY_* codes.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** Bad input, naming the argument or input field at fault (e.g. `profile.reactance`). */
export function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

export function notFound(kind: string, id: string, field: string): GraphQLError {
  return new GraphQLError(`No ${kind} with id "${id}"`, { extensions: { code: ErrorCode.NOT_FOUND, id, field } });
}
