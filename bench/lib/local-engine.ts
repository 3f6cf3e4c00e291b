import { chat, createLlmClient, resolveLlmConfig } from '../../src-main/llm/index.ts';
import { disposeLocalModels, loadLocalModel } from '../../src-main/local-llm/engine.ts';
import { fetchSmollm2 } from '../../src-main/local-llm/test-model.ts';
import { atMost, type Metric } from './results.ts';

/**
 * The built-in engine's rows for `npm run bench:local`: SmolLM2-135M (the test model) through the LLM layer on
 * one thread, streaming: time to first token and generation speed after it, best of a few warm runs.
 */

const ROUNDS = 3;
const MAX_TOKENS = 128;
const PROMPT = [
  { role: 'system' as const, content: 'You are a helpful assistant.' },
  { role: 'user' as const, content: 'Explain in a paragraph why long chains of thought waste compute.' },
];

export async function measureLocalEngine(modelsDir: string): Promise<Metric[]> {
  const path = await fetchSmollm2(modelsDir, { log: (line) => console.error(`models: ${line}`) });
  const loadStart = performance.now();
  await loadLocalModel(path);
  const loadMs = performance.now() - loadStart;
  const client = createLlmClient(resolveLlmConfig({ baseUrl: `local:${path}` }, { MOTIV_LLM_THREADS: '1' }));
  let bestFirstMs = Infinity;
  let bestTokensPerS = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const started = performance.now();
    let firstAt: number | null = null;
    const result = await chat(client, {
      role: 'researcher',
      messages: PROMPT,
      maxTokens: MAX_TOKENS,
      temperature: 0,
      onToken: () => {
        firstAt ??= performance.now();
      },
    });
    const ended = performance.now();
    if (round === 0 || firstAt === null) continue; // warm-up
    bestFirstMs = Math.min(bestFirstMs, firstAt - started);
    const after = Math.max(1, result.usage.completionTokens - 1);
    bestTokensPerS = Math.max(bestTokensPerS, (after / (ended - firstAt)) * 1000);
  }
  await disposeLocalModels();
  return [
    atMost('local engine: SmolLM2-135M Q4_1 load', Math.round(loadMs), 'ms', null),
    atMost(
      `local engine: time to first token, 1 thread (best of ${ROUNDS})`,
      Math.round(bestFirstMs),
      'ms',
      null,
    ),
    atMost(
      `local engine: generation speed after the first token, 1 thread, ${MAX_TOKENS} max (best of ${ROUNDS})`,
      Math.round(bestTokensPerS),
      'tokens/s',
      null,
    ),
  ];
}
