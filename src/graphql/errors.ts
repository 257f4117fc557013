import { GraphQLError } from 'graphql';

/**
 * The stable `extensions.code` values clients can rely on (docs/errors-and-config.md lists them). Apollo adds its
 * own GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST and PERSISTED_QUERY_* codes.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
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

/** The write collides with the current data: a duplicate id, a stale version, a source still cited. */
export function conflict(message: string, field: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field, ...extra } });
}

/** HTTP 401 with a challenge, so generic HTTP clients know a bearer token is wanted. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="ipkg"']]) } },
  });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}
