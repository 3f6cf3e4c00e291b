import { defineConfig } from '@playwright/test';

/** Specs that run a second time with the app on the real Neo4j (e2e/neo4j-lab.ts), and those that run only there. */
const NEO4J_LANE = ['graph-curate.spec.ts', 'graph-explorer.spec.ts', 'graph-push-neo4j.spec.ts'];
const NEO4J_ONLY = ['graph-push-neo4j.spec.ts'];

// Debian's Chromium, never a downloaded browser (see ../shared/TOOLCHAIN.md). The app itself is started per
// test by the fixture in e2e/fixtures.ts: Electron when its binary is present, browser mode otherwise.
export default defineConfig<object, { graphStore: 'embedded' | 'neo4j' }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  projects: [
    { name: 'embedded', testIgnore: NEO4J_ONLY.map((spec) => `**/${spec}`) },
    // One Neo4j server per worker; a write there is a Bolt transaction on a shared 2-core machine, so more time.
    {
      name: 'neo4j',
      testMatch: NEO4J_LANE.map((spec) => `**/${spec}`),
      use: { graphStore: 'neo4j' },
      timeout: 120_000,
      // Measured on the shared 2-core machine: a first store open ~7 s, a node's detail several seconds.
      expect: { timeout: 25_000 },
    },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['MOTIV_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
