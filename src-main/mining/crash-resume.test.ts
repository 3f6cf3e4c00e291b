import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCrashChild } from '../test-support/crash-child.ts';
import { useMiningHarness } from '../test-support/use-mining-harness.ts';
import { UsageLedger } from '../llm/index.ts';
import { miningJobReport } from './job-report.ts';
import { MiningDb } from './mining-db.ts';
import { runMiningJob } from './mining-job.ts';
import { scriptedClient, seedPapers, TEST_SETTINGS } from '../test-support/mining-harness.ts';

const { tempDir, startMiningHarness } = useMiningHarness();
let db: MiningDb | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

describe('mining crash recovery', () => {
  it('resumes after SIGKILL without paying again for the paper already mined', async () => {
    const dir = tempDir();
    const h = await startMiningHarness('resume', dir);
    const server = h.server;
    await seedPapers(h.store, ['replay', 'prototypes']);
    const child = startCrashChild(join(import.meta.dirname, 'test-crash-child.ts'), [dir, server.baseUrl]);
    // Killed while the second paper's extraction is in flight (that step answers only after 10 s).
    await child.killWhen(() => server.requests.some((r) => r.stepId === 'paper-two-slow'), 15_000);
    const { stdout, stderr } = child.output;
    expect(stderr).toBe('');
    const jobId = /JOB (\S+)/.exec(stdout)?.[1] ?? '';
    const sentBeforeCrash = server.requests.length;

    db = MiningDb.open(dir);
    expect(db.job(jobId).status).toBe('interrupted');
    expect(db.papers(jobId).map((p) => p.status)).toEqual(['done', 'pending']);
    // The call in flight at the kill was recorded before it was sent: it counts, as started with its outcome
    // unknown and its estimated prompt tokens in the cost (the provider saw it and may bill it).
    const afterCrash = new UsageLedger({ entries: db.ledger(jobId) }).totals();
    expect(afterCrash).toMatchObject({ calls: 2, unknownCalls: 1, promptTokens: 400, completionTokens: 200 });
    expect(afterCrash.unknownPromptTokens).toBeGreaterThan(50);
    const report = await miningJobReport(db, h.store, jobId);
    expect(report.usage).toMatchObject({ calls: 2, unknownCalls: 1 });
    expect(report.usage.unknownPromptTokens).toBe(afterCrash.unknownPromptTokens);

    const summary = await runMiningJob(jobId, {
      db,
      store: h.store,
      makeClient: (ledger) => scriptedClient(server.baseUrl, ledger),
      settings: TEST_SETTINGS,
      actor: 'test',
    });
    expect(summary).toMatchObject({ status: 'completed', papers: { total: 2, done: 2, failed: 0 } });
    expect(server.requests.slice(sentBeforeCrash).map((r) => r.stepId)).toEqual(['paper-two']);
    expect(server.unusedSteps()).toEqual([]);
    // The killed process's finished call, its call of unknown outcome, and the resumed one.
    expect(summary.usage).toMatchObject({ calls: 3, unknownCalls: 1, promptTokens: 800 });
    expect((await h.store.stats()).nodes).toMatchObject({ Problem: 2, Challenge: 2, Solution: 2 });
  });
});
