import { describe, expect, it } from 'vitest';
import { useMiningHarness } from '../test-support/use-mining-harness.ts';
import { extractTriples } from './extract.ts';
import { scriptedClient, seedPapers, TEST_PAPERS } from '../test-support/mining-harness.ts';
import type { MiningHarness } from '../test-support/mining-harness.ts';

const { tempDir, startMiningHarness } = useMiningHarness();
let h: MiningHarness | undefined;

describe('triple extraction through the scripted model', () => {
  it('returns valid triples from a structured reply', async () => {
    h = await startMiningHarness('extract', tempDir());
    const [id] = await seedPapers(h.store, ['replay']);
    const outcome = await extractTriples(scriptedClient(h.server.baseUrl), {
      id: id ?? '',
      ...TEST_PAPERS.replay,
    });
    expect(outcome.rejected).toEqual([]);
    expect(outcome.ruleRepairs).toBe(0);
    expect(outcome.accepted.map((t) => t.problem.name)).toEqual(['Continual learning of neural networks']);
    const request = h.server.requests[0]?.body as { response_format?: { type?: string } };
    expect(request.response_format?.type).toBe('json_schema');
  });

  it('sends rule violations back once, keeps the repaired triples and reports the rest', async () => {
    h = await startMiningHarness('repair', tempDir());
    const outcome = await extractTriples(scriptedClient(h.server.baseUrl), {
      id: 'p',
      ...TEST_PAPERS.motivgraph,
    });
    expect(h.server.requests.map((r) => r.stepId)).toEqual(['first', 'repair']);
    const repairPrompt = JSON.stringify(h.server.requests[1]?.body.messages);
    expect(repairPrompt).toContain('acronyms or coined method names (LLM)');
    expect(outcome.ruleRepairs).toBe(1);
    expect(outcome.accepted.map((t) => t.problem.name)).toEqual([
      'Continual learning of neural networks',
      'Automatic research idea generation',
    ]);
    expect(outcome.rejected).toHaveLength(1);
    expect(outcome.rejected[0]?.violations.map((v) => v.message)).toEqual([
      'Solution name must have 7–10 words, has 2',
      'Solution name must not contain acronyms or coined method names (MotivGraph)',
      "Solution name must not use the authors' own method name (motivgraph)",
    ]);
  });
});
