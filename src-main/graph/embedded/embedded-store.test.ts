import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeGraphStoreContract } from '../test-support/store-contract.ts';
import { EmbeddedGraphStore } from './embedded-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'motiv-graph-'));
let counter = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A fresh SQLite file per test: real WAL, FTS5 and sqlite-vec, nothing shared between tests.
describeGraphStoreContract('embedded', async () =>
  EmbeddedGraphStore.open(join(dir, `graph-${++counter}.sqlite`)),
);

// The same contract with vector search always through the one-bit prefilter and exact re-scoring: on graphs
// smaller than the re-scored candidate count it must give exactly the exact-scan answers.
describeGraphStoreContract('embedded, approximate vector search', async () =>
  EmbeddedGraphStore.open(join(dir, `graph-${++counter}.sqlite`), { approximateVectorSearchFrom: 0 }),
);
