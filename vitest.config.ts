import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node 24: the whole core, both stores and the transports.
export default defineConfig({
  plugins: [svelte({ configFile: './svelte.config.js' })],
  test: {
    include: [
      'src-main/**/*.test.ts',
      'shared/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'graph/**/*.test.ts',
      'resources/**/*.test.ts',
      'packaging/**/*.test.ts',
    ],
    // Starts one real Neo4j 5.26 for the Neo4j adapter's tests (graph/neo4j-server).
    globalSetup: [
      'graph/neo4j-server/vitest-global-setup.ts',
      'src-main/test-support/models-global-setup.ts',
    ],
    pool: 'forks',
    // Fresh test stores stay empty; tests of the first-run seed graph switch it on (src-main/graph/seed).
    env: { MOTIV_SEED: 'off' },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
