import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../e2e/scripted-llm/scenario.ts';
import type { Scenario } from '../../e2e/scripted-llm/scenario.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import type { Harness } from '../test-support/llm-harness.ts';
import { projectPath } from '../shared/project-path.ts';
import { judgeTournament } from './judge-tournament.ts';
import { JudgmentStore } from './judgment-store.ts';
import { testIdea } from './test-ideas.ts';

const SCENARIO = loadScenarioFile(projectPath('e2e', 'scripted-llm', 'scenarios', 'judge-tournament.json'));
const PRICES = { 'scripted-judge': { inputPerMTok: 1, outputPerMTok: 10 } };
const CALL_COST = (1000 * 1 + 100 * 10) / 1e6;
const IDEAS = ['delta', 'beta', 'alpha', 'gamma'].map((w) => testIdea(w));
const SETTINGS = { settings: { models: { judge: 'scripted-judge' } } };

let dir: string;
let store: JudgmentStore;
const servers: Harness[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motiv-tournament-'));
  store = new JudgmentStore(join(dir, 'judgments.sqlite'));
});
afterEach(async () => {
  store.close();
  await Promise.all(servers.splice(0).map((h) => h.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(scenario: Scenario): Promise<Harness> {
  const h = await harness(scenario, SETTINGS);
  servers.push(h);
  return h;
}

describe('a tournament judged by the scripted model', () => {
  it("ranks four ideas by the judge's preference, with cost and calls per idea", async () => {
    const h = await start(SCENARIO);
    const result = await judgeTournament({ llm: h.client, store, prices: PRICES }, IDEAS, {
      seed: 7,
      rounds: 3,
    });
    expect(result.standings.map((s) => s.id)).toEqual(['id-alpha', 'id-beta', 'id-gamma', 'id-delta']);
    expect(result.newCalls).toBe(3 * 2 * 2);
    expect(h.server.requests).toHaveLength(12);
    expect(result.costUsd).toBeCloseTo(12 * CALL_COST, 12);
    expect(result.callsPerIdea).toBe(3);
    expect(result.model).toBe('scripted-judge');
    expect(result.rubricVersion).toBe('pairwise.v1');
    expect(result.comparability).toContain('not comparable');
    for (const body of h.server.requests.map((r) => r.body as { temperature?: number })) {
      expect(body.temperature).toBe(0);
    }
  });

  it('resumes after a stop mid-tournament without re-judging a finished pair', async () => {
    // The run is stopped after its third pair (the cancel path a crash leaves in the same state: every
    // finished judgment committed, nothing else).
    const firstServer = await start(SCENARIO);
    let answered = 0;
    const controller = new AbortController();
    const err = await rejection(
      judgeTournament({ llm: firstServer.client, store, prices: PRICES, signal: controller.signal }, IDEAS, {
        seed: 7,
        rounds: 3,
        onPairJudged: () => {
          answered++;
          if (answered === 3) controller.abort();
        },
      }),
    );
    expect(err.code).toBe('CANCELLED');
    const paid = firstServer.server.requests.length;
    expect(paid).toBe(6);
    expect(store.count('pairwise')).toBe(6);

    // A new process: a new store connection on the same file and a fresh provider.
    store.close();
    store = new JudgmentStore(join(dir, 'judgments.sqlite'));
    const secondServer = await start(SCENARIO);
    const resumed = await judgeTournament({ llm: secondServer.client, store, prices: PRICES }, IDEAS, {
      seed: 7,
      rounds: 3,
    });
    expect(secondServer.server.requests).toHaveLength(12 - paid);
    expect(resumed.newCalls).toBe(12 - paid);
    expect(resumed.reusedCalls).toBe(paid);
    expect(resumed.costUsd).toBeCloseTo((12 - paid) * CALL_COST, 12);

    // The same result as an uninterrupted run.
    const fresh = new JudgmentStore(join(dir, 'fresh.sqlite'));
    const thirdServer = await start(SCENARIO);
    const straight = await judgeTournament({ llm: thirdServer.client, store: fresh, prices: PRICES }, IDEAS, {
      seed: 7,
      rounds: 3,
    });
    fresh.close();
    expect(resumed.standings).toEqual(straight.standings);
    expect(resumed.history).toEqual(straight.history);
  });

  it('refuses ideas from different topics', async () => {
    const h = await start(SCENARIO);
    const mixed = [testIdea('alpha'), testIdea('beta', 'another topic')];
    const err = await rejection(
      judgeTournament({ llm: h.client, store, prices: PRICES }, mixed, { seed: 1 }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('hostile input and a second writer', () => {
  it('refuses an oversized idea before any pair is paid for, naming it', async () => {
    const h = await start(SCENARIO);
    const bomb = testIdea('bomb');
    bomb.idea.motivation = 'x'.repeat(1_000_000);
    const err = await rejection(
      judgeTournament({ llm: h.client, store, prices: PRICES }, [...IDEAS, bomb], { seed: 7 }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('id-bomb');
    expect(h.server.requests).toHaveLength(0);
    expect(store.count()).toBe(0);
  });

  it('gives two processes running the same tournament at once the same result and one stored answer per question', async () => {
    const h = await start(SCENARIO);
    const other = new JudgmentStore(store.path);
    const [a, b] = await Promise.all([
      judgeTournament({ llm: h.client, store, prices: PRICES }, IDEAS, { seed: 7, rounds: 3 }),
      judgeTournament({ llm: h.client, store: other, prices: PRICES }, IDEAS, { seed: 7, rounds: 3 }),
    ]);
    other.close();
    expect(a.standings).toEqual(b.standings);
    expect(store.count('pairwise')).toBe(12);
  });
});
