import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

// The codes are declared below the GraphQL layer (src/errors.ts, with the 401/403 errors auth throws); re-exported for the resolvers.
export { ErrorCode } from '../errors.js';

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
