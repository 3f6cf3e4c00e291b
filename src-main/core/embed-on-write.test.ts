import { describe, expect, it } from 'vitest';
import type { GraphSearchResult } from '../contract/graph.ts';
import { MINILM, repoModelsDir } from '../embeddings/minilm-files.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { GraphNode } from '../graph/model.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';
import { embeddedGraphPath, openGraphStore } from './graph-store-factory.ts';

/**
 * Nodes are embedded as they are written (issue 12): through the store every writer opens (graph service,
 * mining, ideator write-back), with the real MiniLM files and the real embedded store, no `motiv embed`.
 */

const tempDir = useTempDirs();
const open = useOpenCore();
const actor = { actor: 'test writer' };

function openCore(dir: string, env: NodeJS.ProcessEnv = {}): Core {
  return createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_MODELS_DIR: repoModelsDir(), ...env } });
}

async function call<T>(core: Core, channel: 'graph.search' | 'graph.update', payload: unknown): Promise<T> {
  const reply = await dispatch(core.handlers, channel, payload, { transport: 'cli' });
  if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.result as T;
}

async function vectorOf(dir: string, nodeId: string): Promise<number[] | null> {
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dir));
  try {
    return await store.getEmbedding(nodeId, MINILM.modelId);
  } finally {
    await store.close();
  }
}

async function vectorSearch(core: Core, query: string): Promise<string[]> {
  const result = await call<GraphSearchResult>(core, 'graph.search', { query, mode: 'vector', limit: 5 });
  return result.hits.map((h) => h.node.id);
}

/** Polls for the background write: the writer does not wait for it, so neither can the test's first read. */
async function vectorChange(dir: string, nodeId: string, from: number[] | null): Promise<number[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const vector = await vectorOf(dir, nodeId);
    if (vector && JSON.stringify(vector) !== JSON.stringify(from)) return vector;
    if (Date.now() > deadline) throw new Error(`no new vector for ${nodeId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cosine = (a: number[], b: number[]): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe('nodes embedded as they are written (local MiniLM)', () => {
  it('a created node is found by vector search, and an edited name moves its vector', async () => {
    const dir = tempDir();
    open.core = openCore(dir);
    const core = open.core;
    // The seed's MiniLM vectors arrive on first open: the graph holds vectors of the local model.
    await call(core, 'graph.search', { query: 'warm up', mode: 'lexical' });

    const writer = await openGraphStore(core);
    let node: GraphNode;
    try {
      ({ node } = await writer.upsertNode(
        {
          kind: 'Problem',
          name: 'Sea turtles swallow plastic bags they mistake for jellyfish',
          origin: 'curated',
        },
        actor,
      ));
    } finally {
      await writer.close();
    }
    const created = await vectorChange(dir, node.id, null);
    expect(await vectorSearch(core, 'marine reptiles eating ocean litter')).toContain(node.id);

    const edited = await call<GraphNode>(core, 'graph.update', {
      id: node.id,
      expectedVersion: node.version,
      patch: { name: 'Volcanic ash clouds ground commercial airliners' },
    });
    const moved = await vectorChange(dir, node.id, created);
    expect(cosine(created, moved)).toBeLessThan(0.6);
    expect(edited.name).toContain('Volcanic');
    expect(await vectorSearch(core, 'eruption dust stopping aeroplanes from flying')).toContain(node.id);
  }, 180_000);

  it('a graph without MiniLM vectors, or without the model files, keeps its writes and gets no partial vectors', async () => {
    const empty = tempDir();
    const bare = openCore(empty, { MOTIV_SEED: 'off' });
    const noFiles = tempDir();
    const missing = openCore(noFiles, { MOTIV_MODELS_DIR: tempDir() });
    try {
      for (const [dir, core] of [
        [empty, bare],
        [noFiles, missing],
      ] as const) {
        const writer = await openGraphStore(core);
        const { node } = await writer.upsertNode(
          { kind: 'Problem', name: 'Glaciers retreat', origin: 'curated' },
          actor,
        );
        // close() waits for the queued embedding work: afterwards there is nothing left to come.
        await writer.close();
        expect(await vectorOf(dir, node.id)).toBeNull();
        const store = EmbeddedGraphStore.open(embeddedGraphPath(dir));
        try {
          expect((await store.getNode(node.id))?.name).toBe('Glaciers retreat');
        } finally {
          await store.close();
        }
      }
    } finally {
      await bare.close();
      await missing.close();
    }
  }, 120_000);
});
