import { afterEach, describe, expect, it } from 'vitest';
import { startNeo4j, type RunningNeo4j } from '../../graph/neo4j-server/start.ts';
import type { GraphPushEvent } from '../contract/graph-push.ts';
import { openNeo4jStore } from '../graph/neo4j/open-store.ts';
import { snapshot } from '../graph/test-support/store-contract/helpers.ts';
import { channelCaller } from '../test-support/core-calls.ts';
import { sampleGraphBatch, seedEmbeddedGraph, wideGraphBatch } from '../test-support/graph-sample.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';

// Its own server (not the run's shared one): this test stops it in the middle of a push and starts it again.
describe('graph.push when the lab server goes away mid-push', () => {
  const tempDir = useTempDirs();
  let server: RunningNeo4j | undefined;
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    await server?.stop();
  });

  it(
    'fails with a typed error and the restarted server holds the lab graph exactly as before',
    { timeout: 400_000 },
    async () => {
      const neo4jData = tempDir();
      server = await startNeo4j({ dataDir: neo4jData });
      const { port } = server;
      const config = { uri: server.uri, database: 'neo4j' };
      const lab = await openNeo4jStore(config);
      await lab.store.importBatch(sampleGraphBatch(), { actor: 'lab member' });
      const before = await snapshot(lab.store);
      await lab.store.close();

      const dataDir = tempDir();
      await seedEmbeddedGraph(dataDir, wideGraphBatch(2_000));
      core = await createCore({
        env: { MOTIV_SEED: 'off', MOTIV_DATA_DIR: dataDir, MOTIV_NEO4J_URI: config.uri },
      });
      const running = server;
      const stopped = new Promise<void>((resolve) => {
        const unsubscribe = core?.events.subscribe((name, event) => {
          if (name !== 'graph.pushEvent' || (event as GraphPushEvent).state !== 'running') return;
          unsubscribe?.();
          resolve(running.stop());
        });
      });
      const reply = await channelCaller(core)('graph.push', { replace: true });
      await stopped;
      expect(reply).toMatchObject({ error: { code: expect.stringMatching(/^(UNAVAILABLE|BUSY)$/) } });

      server = await startNeo4j({ dataDir: neo4jData, port });
      const reopened = await openNeo4jStore(config);
      try {
        expect(await snapshot(reopened.store)).toEqual(before);
      } finally {
        await reopened.store.close();
      }
    },
  );
});
