import { describe, expect, it } from 'vitest';
import type { GraphEmbedEvent, GraphEmbedResult } from '../contract/embeddings.ts';
import type { GraphSearchResult } from '../contract/graph.ts';
import { MINILM, repoModelsDir } from '../embeddings/minilm-files.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../test-support/graph-sample.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';
import { embeddedGraphPath } from './graph-store-factory.ts';

/**
 * graph.embed / graph.embedCancel and search over local vectors, through dispatch, with the real model files
 * (`npm run models:fetch` → .cache/models) and the real embedded store. No endpoint is configured anywhere.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

function openCore(dir: string, env: NodeJS.ProcessEnv = {}): Core {
  return createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_MODELS_DIR: repoModelsDir(), ...env } });
}

async function call<T>(
  core: Core,
  channel: 'graph.embed' | 'graph.embedCancel' | 'graph.search',
  payload: unknown,
) {
  const reply = await dispatch(core.handlers, channel, payload, { transport: 'cli' });
  if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.result as T;
}

async function localVectorCount(dir: string): Promise<number> {
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dir));
  try {
    return (await store.stats()).embeddings.find((m) => m.model === MINILM.modelId)?.count ?? 0;
  } finally {
    await store.close();
  }
}

describe('graph.embed (local all-MiniLM-L6-v2)', () => {
  it('a fresh install: the seed arrives with its MiniLM vectors, and vector search finds the overthinking nodes', async () => {
    const dir = tempDir();
    open.core = openCore(dir);
    const vector = await call<GraphSearchResult>(open.core, 'graph.search', {
      query: 'making reasoning models stop thinking so long',
      mode: 'vector',
      limit: 5,
    });
    expect(vector.mode).toBe('vector');
    expect(vector.hits.map((h) => h.node.name)).toContain(
      'Overthinking with redundant steps in long reasoning chains',
    );
    const hybrid = await call<GraphSearchResult>(open.core, 'graph.search', {
      query: 'making reasoning models stop thinking so long',
      mode: 'hybrid',
      limit: 10,
    });
    expect(hybrid).toMatchObject({ mode: 'hybrid', note: null });

    // Every seed node already has its vector: the job has nothing to do.
    const result = await call<GraphEmbedResult>(open.core, 'graph.embed', {});
    expect(result).toMatchObject({ model: MINILM.modelId, cancelled: false, total: 0, done: 0 });
    expect(result.skipped).toBeGreaterThan(300);
  }, 180_000);

  it('an empty graph with the seed switched off has no vectors yet, and hybrid says how to make them', async () => {
    open.core = openCore(tempDir(), { MOTIV_SEED: 'off' });
    const before = await call<GraphSearchResult>(open.core, 'graph.search', { query: 'x y', mode: 'hybrid' });
    expect(before.note).toContain('motiv embed');
  });

  it('cancels between steps, keeps what it wrote, and resumes with the nodes still without a vector', async () => {
    const dir = tempDir();
    await seedSampleGraph(dir);
    open.core = openCore(dir);
    const core = open.core;
    const events: GraphEmbedEvent[] = [];
    core.events.subscribe((name, payload) => {
      if (name !== 'graph.embedEvent') return;
      events.push(payload as GraphEmbedEvent);
      if ((payload as GraphEmbedEvent).state === 'running' && events.length < 3) {
        void call(core, 'graph.embedCancel', {});
      }
    });
    const cancelled = await call<GraphEmbedResult>(core, 'graph.embed', {});
    expect(cancelled).toMatchObject({ cancelled: true, done: 0 });
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(await localVectorCount(dir)).toBe(0);

    const resumed = await call<GraphEmbedResult>(core, 'graph.embed', {});
    expect(resumed).toMatchObject({ cancelled: false, skipped: 0 });
    expect(resumed.done).toBe(resumed.total);
    const again = await call<GraphEmbedResult>(core, 'graph.embed', {});
    expect(again).toMatchObject({ total: 0, done: 0, skipped: resumed.total });
    expect(await call(core, 'graph.embedCancel', {})).toEqual({ cancelled: false });
  }, 120_000);

  it('refuses a second job in the same core, and two cores embedding one graph agree', async () => {
    const dir = tempDir();
    await seedSampleGraph(dir);
    open.core = openCore(dir);
    const other = openCore(dir);
    try {
      const first = call<GraphEmbedResult>(open.core, 'graph.embed', {});
      await expect(call(open.core, 'graph.embed', {})).rejects.toMatchObject({ code: 'CONFLICT' });
      const [a, b] = await Promise.all([first, call<GraphEmbedResult>(other, 'graph.embed', {})]);
      expect(a.cancelled || b.cancelled).toBe(false);
      expect(await localVectorCount(dir)).toBe(a.total + a.skipped);
    } finally {
      await other.close();
    }
  }, 120_000);

  it('without the model files: hybrid stays lexical and says how to get them; vector mode is MODEL_MISSING', async () => {
    const dir = tempDir();
    await seedSampleGraph(dir);
    open.core = openCore(dir);
    await call(open.core, 'graph.embed', {});
    await open.core.close();
    open.core = openCore(dir, { MOTIV_MODELS_DIR: tempDir() });

    const hybrid = await call<GraphSearchResult>(open.core, 'graph.search', {
      query: 'intermediate thoughts',
    });
    expect(hybrid.mode).toBe('lexical');
    expect(hybrid.note).toContain('npm run models:fetch');
    expect(hybrid.note).not.toContain('endpoint');
    expect(hybrid.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);
    await expect(
      call(open.core, 'graph.search', { query: 'intermediate thoughts', mode: 'vector' }),
    ).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  }, 120_000);
});
