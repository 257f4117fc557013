import { forbidden, unauthenticated } from '../errors.js';
import type { Principal, Role } from './tokens.js';

/** What a request proved about its caller; computed once per request in the context. */
export type Caller = Principal | null | 'invalid';

/**
 * Lets the operation through only for a caller holding `role`. Reads never call this: the graph is public.
 * The messages never echo the presented token.
 */
export function requireRole(caller: Caller, role: Role): Principal {
  if (caller === null) throw unauthenticated(`This operation needs a bearer token with the ${role} role (Authorization: Bearer <token>)`);
  if (caller === 'invalid') throw unauthenticated('The bearer token is not valid');
  if (caller.role !== role) throw forbidden(`This operation needs the ${role} role; "${caller.name}" has the ${caller.role} role`);
  return caller;
}
