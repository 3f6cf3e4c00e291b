import { describe, expect, it } from 'vitest';
import type { GraphEmbedEvent, GraphEmbedStatus } from '../contract/embeddings.ts';
import { MINILM, minilmFolder, repoModelsDir } from '../embeddings/minilm-files.ts';
import { seedSampleGraph } from '../test-support/graph-sample.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/**
 * graph.embedStatus (the Graph section's embeddings panel): the model files, vectors per model and the nodes the
 * next graph.embed would do, read from the real embedded store as a job writes through its own handle.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

function openCore(dir: string, modelsDir: string = repoModelsDir()): Core {
  return createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_MODELS_DIR: modelsDir } });
}

async function call<T>(core: Core, channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(core.handlers, channel, payload, { transport: 'http' });
  if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.result as T;
}

describe('graph.embedStatus', () => {
  it('counts the nodes without a local vector, says a job is running while it runs, and 0 after it', async () => {
    const dir = tempDir();
    const seeded = await seedSampleGraph(dir);
    open.core = openCore(dir);
    const core = open.core;
    const before = await call<GraphEmbedStatus>(core, 'graph.embedStatus', {});
    expect(before).toMatchObject({
      model: MINILM.modelId,
      modelPresent: true,
      modelDir: minilmFolder(repoModelsDir()),
      totalNodes: seeded.nodesCreated,
      withoutVector: seeded.nodesCreated,
      vectors: [],
      running: false,
    });

    const seenRunning: boolean[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'graph.embedEvent' && (payload as GraphEmbedEvent).state === 'running') {
        void call<GraphEmbedStatus>(core, 'graph.embedStatus', {}).then((s) => seenRunning.push(s.running));
      }
    });
    await call(core, 'graph.embed', {});
    const after = await call<GraphEmbedStatus>(core, 'graph.embedStatus', {});
    expect(after).toMatchObject({ withoutVector: 0, running: false });
    expect(after.vectors).toEqual([{ model: MINILM.modelId, count: seeded.nodesCreated }]);
    expect(seenRunning.length).toBeGreaterThan(0);
    expect(seenRunning.every(Boolean)).toBe(true);
  }, 120_000);

  it('without the model files: modelPresent false, the folder they go in, and how to get them', async () => {
    const models = tempDir();
    open.core = openCore(tempDir(), models);
    const status = await call<GraphEmbedStatus>(open.core, 'graph.embedStatus', {});
    expect(status).toMatchObject({ modelPresent: false, modelDir: minilmFolder(models) });
    expect(status.howToGet).toContain('npm run models:fetch');
    await expect(call(open.core, 'graph.embedStatus', { extra: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
