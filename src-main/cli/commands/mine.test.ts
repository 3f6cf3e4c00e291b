import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import { EmbeddedGraphStore } from '../../graph/embedded/embedded-store.ts';
import { miningScenario, seedPapers } from '../../test-support/mining-harness.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';
import { repoModelsDir } from '../../embeddings/minilm-files.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
let server: ScriptedLlm | undefined;

async function withGraph(dir: string, seed: (store: EmbeddedGraphStore) => Promise<unknown>): Promise<void> {
  const store = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
  try {
    await seed(store);
  } finally {
    await store.close();
  }
}

describe('motiv mine and motiv hierarchy', () => {
  it('mines the papers, reports progress, the method and the cost, and mines nothing twice', async () => {
    const dir = tempDir();
    server = await startLlm({ scenario: miningScenario('extract') });
    await withGraph(dir, (store) => seedPapers(store, ['replay', 'generative']));
    const env = { MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: server.baseUrl, MOTIV_LLM_MODEL: 'scripted-chat' };

    const io = bufferIo(env);
    expect(await main(['mine'], io)).toBe(0);
    expect(io.stderr()).toContain('The local embedding model (all-MiniLM-L6-v2) is not installed');
    expect(io.stderr()).toMatch(/\[1\/2\] mined: Experience replay against forgetting — 600 tokens/);
    expect(io.stderr()).toMatch(/cost: 2 calls, 800 prompt \+ 400 completion tokens/);
    expect(io.stdout()).toContain('2 of 2 papers mined (6 nodes)');
    expect(io.stdout()).toContain(
      'merged 1 near-identical node(s) (similarity lexical:tfidf-cosine, threshold 0.92)',
    );

    const again = bufferIo(env);
    expect(await main(['mine', '--json'], again)).toBe(0);
    expect(JSON.parse(again.stdout())).toMatchObject({ status: 'completed', papers: { total: 0 } });
    expect(server.requests).toHaveLength(2);
  });

  it('reports per paper what happened, and a paper whose every triple was refused stays minable', async () => {
    const dir = tempDir();
    server = await startLlm({ scenario: miningScenario('refused') });
    let replay = '';
    await withGraph(dir, async (store) => {
      [replay = ''] = await seedPapers(store, ['replay', 'generative']);
    });
    const env = { MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: server.baseUrl, MOTIV_LLM_MODEL: 'scripted-chat' };

    const io = bufferIo(env);
    expect(await main(['mine', '--no-merge', '--concurrency', '1'], io)).toBe(0);
    expect(io.stderr()).toContain(
      '[1/2] every triple REFUSED by the naming rules: Experience replay against forgetting',
    );
    expect(io.stderr()).toContain('not installed');
    expect(io.stdout()).toContain(
      '1 of 2 papers mined (3 nodes): 1 with every triple refused by the naming rules',
    );
    expect(io.stdout()).toContain('mined 3 node(s) from "Generative replay for continual learning"');
    expect(io.stdout()).toMatch(
      /nothing stored from "Experience replay against forgetting": all 1 triple\(s\) refused by the naming rules: Problem name must have 3–7 words, has 1/,
    );
    expect(io.stdout()).toContain(`mine these again with: motiv mine --papers ${replay}`);

    // A new job without --papers takes the refused paper again (it was not mined), and only it.
    const again = bufferIo({ ...env, MOTIV_MODELS_DIR: repoModelsDir() });
    expect(await main(['mine', '--no-merge', '--json'], again)).toBe(0);
    expect(again.stderr()).toContain('similarity: the local all-MiniLM-L6-v2 model\n');
    const summary = JSON.parse(again.stdout()) as { message: string; outcomes: Array<{ paperId: string }> };
    expect(summary.message).toBe('1 of 1 paper mined (3 nodes)');
    expect(summary.outcomes.map((o) => o.paperId)).toEqual([replay]);
    expect(server.requests.map((r) => r.stepId)).toEqual([
      'replay-bad',
      'replay-bad-repair',
      'generative',
      'replay-again',
    ]);
    const third = bufferIo(env);
    expect(await main(['mine', '--json'], third)).toBe(0);
    expect(JSON.parse(third.stdout())).toMatchObject({ papers: { total: 0 } });
  });

  it('says how many papers failed and why, and exits 1, when the endpoint is dead', async () => {
    const dir = tempDir();
    const dead = await startLlm({ scenario: miningScenario('extract') });
    await dead.stop(); // its port is now closed: every call is refused
    await withGraph(dir, (store) => seedPapers(store, ['replay', 'generative']));
    const io = bufferIo({ MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: dead.baseUrl, MOTIV_LLM_MODEL: 'm' });
    expect(await main(['mine'], io)).toBe(1);
    expect(io.stdout()).toContain('0 of 2 papers mined: 2 failed (endpoint unreachable or failing)');
    expect(io.stdout()).toContain('mine these again with: motiv mine --papers ');
    expect(io.stderr()).toContain('motiv mine: 2 paper(s) failed');
    // Nothing answered, but requests went out: 4 attempts a paper (the default retry policy).
    expect(io.stderr()).toContain('cost: 0 calls');
    expect(io.stderr()).toContain(
      'requests sent: 8 (retries and 2 call(s) that failed without an answer included)',
    );
  });

  it('stops at the first call the endpoint refuses the key for, and exits 1', async () => {
    const dir = tempDir();
    server = await startLlm({ scenario: miningScenario('extract'), apiKey: 'sk-the-right-key' });
    await withGraph(dir, (store) => seedPapers(store, ['replay', 'generative', 'prototypes']));
    const io = bufferIo({
      MOTIV_DATA_DIR: dir,
      MOTIV_LLM_BASE_URL: server.baseUrl,
      MOTIV_LLM_MODEL: 'scripted-chat',
      MOTIV_LLM_API_KEY: 'sk-a-wrong-key',
    });
    expect(await main(['mine', '--concurrency', '1'], io)).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(io.stderr()).toContain('rejected the API key (HTTP 401)');
    expect(io.stderr()).toContain('Mining stopped at the first refused call; 2 paper(s) not tried');
    expect(io.stderr()).not.toContain('sk-a-wrong-key');
  });

  it('refuses to run without an LLM endpoint and says how to set one', async () => {
    const io = bufferIo({ MOTIV_DATA_DIR: tempDir() });
    expect(await main(['mine'], io)).toBe(1);
    expect(io.stderr()).toContain('no LLM endpoint configured');
  });

  it('adds parents over problems from the command line', async () => {
    const dir = tempDir();
    server = await startLlm({ scenario: miningScenario('hierarchy') });
    await withGraph(dir, (store) =>
      store.importBatch(
        {
          nodes: [
            'Continual learning of neural networks',
            'Domain adaptation of image classifiers',
            'Learning new classes from few examples',
          ].map((name) => ({
            kind: 'Problem' as const,
            name,
            description: `${name}.`,
            origin: 'mined' as const,
          })),
        },
        { actor: 'test' },
      ),
    );
    const io = bufferIo({ MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: server.baseUrl, MOTIV_LLM_MODEL: 'm' });
    expect(await main(['hierarchy', '--kind', 'Problem', '--k', '2'], io)).toBe(0);
    expect(io.stdout()).toContain(
      'level 0 → 1: 3 node(s) without a parent, 1 judgement(s), 1 parent(s) added',
    );
    expect(io.stdout()).toContain('"Learning under changing data distributions" over');

    const bad = bufferIo({ MOTIV_DATA_DIR: dir, MOTIV_LLM_BASE_URL: server.baseUrl });
    expect(await main(['hierarchy', '--kind', 'Solution'], bad)).toBe(2);
    expect(bad.stderr()).toContain('--kind: expected Problem or Challenge');
  });
});
