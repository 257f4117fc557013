import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      // Pure logic beside the code it tests; no database.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      // Against one real Neo4j and one running service (test/global-setup.ts); no mock of Neo4j anywhere.
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
