import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { registerIdeaNodeSyncTests } from '../test-support/idea-node-sync-suite.ts';

// The Neo4j run of the same suite is in graph/neo4j/neo4j-store.test.ts.
const dir = mkdtempSync(join(tmpdir(), 'motiv-idea-sync-graph-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

registerIdeaNodeSyncTests('embedded', () =>
  Promise.resolve(EmbeddedGraphStore.open(join(dir, `graph-${++counter}.sqlite`))),
);
