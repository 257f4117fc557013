import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens and their roles, configured by IPKG_TOKENS="name:role:token,name:role:token".
 * Only a SHA-256 digest of each token is kept, so a logged or dumped Config never holds a usable secret, and
 * every comparison is between equal-length digests in constant time.
 */
export const ROLES = ['curator', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenEntry {
  /** Who holds the token; recorded as the actor of each write. */
  name: string;
  role: Role;
  digest: Buffer;
}

export interface Principal {
  name: string;
  role: Role;
}

/** Tokens shorter than this are refused at start-up: they would be guessable. */
export const MIN_TOKEN_LENGTH = 16;

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Parses IPKG_TOKENS. Errors name the entry by position and name, never by its secret. */
export function parseTokens(raw: string | undefined): TokenEntry[] {
  if (!raw?.trim()) return [];
  const entries: TokenEntry[] = [];
  raw.split(',').forEach((part, i) => {
    const [name, role, ...rest] = part.trim().split(':');
    const token = rest.join(':'); // a token may itself contain ':'
    const where = `IPKG_TOKENS entry ${i + 1}${name ? ` ("${name}")` : ''}`;
    if (!name || !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) throw new Error(`${where}: the name must be 1-64 letters, digits or . _ @ -`);
    if (!ROLES.includes(role as Role)) throw new Error(`${where}: the role must be one of ${ROLES.join(', ')}`);
    if (token.length < MIN_TOKEN_LENGTH) throw new Error(`${where}: the token must have at least ${MIN_TOKEN_LENGTH} characters`);
    entries.push({ name, role: role as Role, digest: digest(token) });
  });
  return entries;
}

/**
 * Who presents this Authorization header: a principal, `null` when no credentials were sent, or `'invalid'`
 * for a header that is malformed or carries an unknown token. Every configured token is compared (no early
 * exit), so timing does not reveal which entry, if any, matched.
 */
export function authenticate(header: string | undefined, tokens: readonly TokenEntry[]): Principal | null | 'invalid' {
  if (header === undefined || header === '') return null;
  const m = /^Bearer[ ]+([\x21-\x7e]+)\s*$/i.exec(header);
  if (!m) return 'invalid';
  const presented = digest(m[1]);
  let match: TokenEntry | undefined;
  for (const t of tokens) if (timingSafeEqual(presented, t.digest) && !match) match = t;
  return match ? { name: match.name, role: match.role } : 'invalid';
}
