import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

// The project's vitest config plus the Neo4j globalSetup, for running the Neo4j tests on their own:
// npx vitest run --config graph/neo4j-server/vitest.neo4j.config.ts src-main/graph/neo4j
export default mergeConfig(
  base,
  defineConfig({
    test: { globalSetup: ['graph/neo4j-server/vitest-global-setup.ts'] },
  }),
);
