import { afterEach, describe, expect, it } from 'vitest';
import { embedText } from '../../e2e/scripted-llm/embeddings.ts';
import { startScriptedLlm, type ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { GraphSearchResult } from '../contract/graph.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../test-support/graph-sample.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';
import { embeddedGraphPath } from './graph-store-factory.ts';
import { MINILM, repoModelsDir } from '../embeddings/minilm-files.ts';
import { queryClientCache } from './graph-service.ts';
import { resolveLlmConfig } from '../llm/index.ts';

/**
 * Vector and hybrid search through `graph.search`: the query is embedded by the configured endpoint (the
 * scripted OpenAI-compatible server over loopback, through the real `openai` client) with the model the
 * graph's vectors were made with.
 */

const tempDir = useTempDirs();
const MODEL = 'scripted-embed';
let llm: ScriptedLlm | null = null;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  await llm?.stop();
  core = null;
  llm = null;
});

async function seedWithVectors(dir: string): Promise<void> {
  await seedSampleGraph(dir);
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dir));
  try {
    for (const kind of ['Problem', 'Challenge', 'Solution'] as const) {
      for (const node of await store.randomNodes({ kinds: [kind], count: 10, seed: 1 })) {
        await store.setEmbedding(
          { nodeId: node.id, model: MODEL, vector: embedText(`${node.name} ${node.description}`, 384) },
          { actor: 'test seed' },
        );
      }
    }
  } finally {
    await store.close();
  }
}

async function search(payload: unknown): Promise<GraphSearchResult> {
  if (!core) throw new Error('no core');
  const reply = await dispatch(core.handlers, 'graph.search', payload, { transport: 'cli' });
  if ('error' in reply) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as GraphSearchResult;
}

describe('graph.search with embeddings', () => {
  it('embeds the query with the stored model and ranks by vector and hybrid', async () => {
    const dir = tempDir();
    await seedWithVectors(dir);
    llm = await startScriptedLlm({ scenario: { name: 'graph-search' } });
    core = createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: llm.baseUrl } });

    const vector = await search({ query: 'tree of intermediate thoughts search', mode: 'vector' });
    expect(vector.mode).toBe('vector');
    expect(vector.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);
    const hybrid = await search({ query: 'tree of intermediate thoughts search', mode: 'hybrid', limit: 3 });
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.note).toBeNull();
    expect(hybrid.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);
    expect(hybrid.hits[0]).toMatchObject({ lexicalRank: 1, vectorRank: 1 });

    const embedCalls = llm.requests.filter((r) => r.path.endsWith('/embeddings'));
    expect(embedCalls).toHaveLength(2);
    expect(embedCalls[0]?.body).toMatchObject({ model: MODEL });
  });

  it('falls back to lexical with the reason when the embeddings endpoint fails, and vector mode reports it', async () => {
    const dir = tempDir();
    await seedWithVectors(dir);
    llm = await startScriptedLlm({ scenario: { name: 'down' } });
    const baseUrl = llm.baseUrl;
    await llm.stop();
    llm = null;
    core = createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: baseUrl } });

    const hybrid = await search({ query: 'intermediate thoughts', mode: 'hybrid' });
    expect(hybrid.mode).toBe('lexical');
    expect(hybrid.note).toContain('the embeddings endpoint failed');
    expect(hybrid.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);
    const reply = await dispatch(
      core.handlers,
      'graph.search',
      { query: 'x', mode: 'vector' },
      { transport: 'cli' },
    );
    expect(reply).toMatchObject({ error: { code: expect.stringMatching(/^LLM_/) } });
  });

  it('queries local MiniLM vectors with the local model even when an endpoint is configured (never mixes models)', async () => {
    const dir = tempDir();
    await seedSampleGraph(dir);
    llm = await startScriptedLlm({ scenario: { name: 'graph-search' } });
    const env = { MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: llm.baseUrl, MOTIV_MODELS_DIR: repoModelsDir() };
    core = createCore({ env });
    const reply = await dispatch(core.handlers, 'graph.embed', {}, { transport: 'cli' });
    expect(reply).toMatchObject({ result: { model: MINILM.modelId, cancelled: false } });

    const vector = await search({
      query: 'exploring a tree of partial reasoning paths',
      mode: 'vector',
      kinds: ['Solution'],
      limit: 1,
    });
    expect(vector.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);
    expect(llm.requests.filter((r) => r.path.endsWith('/embeddings'))).toHaveLength(0);
  }, 120_000);
});

describe('the query embedding client', () => {
  it('is built once per endpoint, key and models, and anew when Settings change', () => {
    const clientFor = queryClientCache();
    const config = (baseUrl: string, apiKey: string | null) => resolveLlmConfig({ baseUrl, apiKey }, {});
    const first = clientFor(config('http://127.0.0.1:9/v1', 'key-1'));
    expect(clientFor(config('http://127.0.0.1:9/v1', 'key-1'))).toBe(first);
    const otherKey = clientFor(config('http://127.0.0.1:9/v1', 'key-2'));
    expect(otherKey).not.toBe(first);
    expect(otherKey.config.apiKey.reveal()).toBe('key-2');
    const otherUrl = clientFor(config('http://127.0.0.1:10/v1', 'key-2'));
    expect(otherUrl).not.toBe(otherKey);
    expect(otherUrl.config.baseUrl).toBe('http://127.0.0.1:10/v1');
  });
});
