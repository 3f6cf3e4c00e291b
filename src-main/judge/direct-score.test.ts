import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../e2e/scripted-llm/scenario.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import type { Harness } from '../test-support/llm-harness.ts';
import { projectPath } from '../shared/project-path.ts';
import { NOT_COMPARABLE_NOTE } from './dimensions.ts';
import { directScoreMessages, scoreIdea } from './direct-score.ts';
import { promptHash } from './rubric.ts';
import type { JudgeDeps } from './judge-call.ts';
import { JudgmentStore } from './judgment-store.ts';
import { testIdea } from './test-ideas.ts';

const SCENARIO = loadScenarioFile(projectPath('e2e', 'scripted-llm', 'scenarios', 'judge-score.json'));
const PRICES = { 'scripted-judge': { inputPerMTok: 1, outputPerMTok: 2 } };

let dir: string;
let h: Harness;
let deps: JudgeDeps;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motiv-judge-'));
  h = await harness(SCENARIO, { settings: { models: { judge: 'scripted-judge' } } });
  deps = { llm: h.client, store: new JudgmentStore(join(dir, 'judgments.sqlite')), prices: PRICES };
});
afterEach(async () => {
  deps.store.close();
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('direct scores', () => {
  it('scores two ideas with the judge role at temperature 0, stores them with cost, and reuses them', async () => {
    const alpha = await scoreIdea(deps, testIdea('alpha'));
    expect(alpha.scores.novelty).toEqual({ score: 8, rationale: 'new transfer mechanism' });
    expect(alpha.paperMean).toBeCloseTo(8, 10);
    expect(alpha).toMatchObject({ rubricVersion: 'direct.v1', model: 'scripted-judge', reused: false });
    expect(alpha.costUsd).toBeCloseTo((100 * 1 + 50 * 2) / 1e6, 12);
    expect(alpha.comparability).toBe(NOT_COMPARABLE_NOTE);
    const body = h.server.requests[0]?.body as { temperature?: number; model?: string };
    expect(body.temperature).toBe(0);
    expect(body.model).toBe('scripted-judge');

    // beta's first reply is out of range and misses clarity: repaired once, both calls paid and recorded.
    const beta = await scoreIdea(deps, testIdea('beta'));
    expect(beta.scores.novelty.score).toBe(10);
    expect(beta.promptTokens).toBe(300);
    expect(beta.costUsd).toBeCloseTo((300 * 1 + 90 * 2) / 1e6, 12);
    expect(h.server.requests).toHaveLength(3);

    // Asked again (a second store on the same file, as another process would): nothing is sent.
    const again = new JudgmentStore(deps.store.path);
    const reused = await scoreIdea({ ...deps, store: again }, testIdea('alpha'));
    again.close();
    expect(reused).toMatchObject({ reused: true, scores: alpha.scores, promptHash: alpha.promptHash });
    expect(h.server.requests).toHaveLength(3);
    expect(deps.store.count('direct')).toBe(2);
  });

  it('refuses a reply still malformed after one repair with JUDGE_BAD_OUTPUT naming the idea, storing nothing', async () => {
    const err = await rejection(scoreIdea(deps, testIdea('gamma')));
    expect(err.code).toBe('JUDGE_BAD_OUTPUT');
    expect(err.message).toContain('id-gamma');
    expect(err.message).toContain('direct.v1');
    expect(h.server.requests).toHaveLength(2);
    expect(deps.store.count()).toBe(0);
  });

  it('asks again when the stored answer no longer validates (a damaged row), and stores the good one', async () => {
    const alpha = testIdea('alpha');
    deps.store.put({
      kind: 'direct',
      rubricVersion: 'direct.v1',
      model: 'scripted-judge',
      promptHash: promptHash(directScoreMessages(alpha)),
      ideaIds: [alpha.id],
      result: { novelty: 'hand-edited' },
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
      repairs: 0,
    });
    const score = await scoreIdea(deps, alpha);
    expect(score).toMatchObject({ reused: false, scores: { novelty: { score: 8 } } });
    expect(h.server.requests).toHaveLength(1);
    expect((await scoreIdea(deps, alpha)).reused).toBe(true);
    expect(h.server.requests).toHaveLength(1);
  });

  it('drops the "not comparable" note only for the paper\'s reviewer model', async () => {
    await h.stop();
    h = await harness(SCENARIO, { settings: { models: { judge: 'Fast-Reviewer-7B' } } });
    const score = await scoreIdea({ ...deps, llm: h.client }, testIdea('alpha'));
    expect(score.comparability).toBeNull();
  });
});
