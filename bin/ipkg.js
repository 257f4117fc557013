#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step between clone and run.
import { register } from 'tsx/esm/api';

// Production unless development is asked for, as src/config.ts reads it; set before graphql-js loads, which otherwise
// runs its development-mode checks on every value it resolves (a few percent of a large answer).
process.env.NODE_ENV ??= 'production';

register();
const { main } = await import('../src/cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Errors meant for the user (missing Java, invalid seed, unreachable Neo4j) print as a message, not a stack.
  console.error(`ipkg: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.IPKG_DEBUG) console.error(err);
  process.exitCode = 1;
}
