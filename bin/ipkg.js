#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step between clone and run.
import { register } from 'tsx/esm/api';

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
