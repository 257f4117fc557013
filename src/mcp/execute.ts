import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Db } from '../db/run.js';
import { createContext, type Context } from '../graphql/context.js';
import { ErrorCode } from '../graphql/errors.js';

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs one of the operations in operations.ts. */
export type Execute = (query: string, variables: Record<string, unknown>) => Promise<GraphQLAnswer>;

/**
 * Executes operations in-process through an Apollo Server of the service's schema, with a fresh request context
 * each (its own DataLoaders and round-trip count), built as the HTTP path builds it for an anonymous caller: the
 * tools only read, and reads are public.
 */
export function inProcess(apollo: ApolloServer<Context>, db: Db): Execute {
  return async (query, variables) => {
    const contextValue = createContext(db);
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (contextValue.failure.unavailable) {
      return {
        errors: [{ message: 'The graph database is not reachable right now; try again shortly.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }],
      };
    }
    if (response.body.kind !== 'single')
      return { errors: [{ message: 'Incremental delivery is not supported here', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] };
    return response.body.singleResult;
  };
}
