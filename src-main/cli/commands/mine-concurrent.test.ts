import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import { EmbeddedGraphStore } from '../../graph/embedded/embedded-store.ts';
import type { MiningJobSummary } from '../../mining/mining-job.ts';
import { miningScenario, seedPapersIn } from '../../test-support/mining-harness.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';

/** Two `motiv mine` processes on one data dir at once: each paper is claimed by one of them and paid for once. */

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
let server: ScriptedLlm | undefined;

function runMine(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = join(import.meta.dirname, '..', 'bin.mjs');
  const child = spawn(process.execPath, [bin, 'mine', '--no-merge', '--concurrency', '1', '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('motiv mine in two processes at once', () => {
  it('mines each paper once: the second process skips papers the first has claimed', async () => {
    const dir = tempDir();
    // Each paper's answer takes 1.5 s and is given once: a paper asked for twice would get a 400 and fail.
    server = await startLlm({ scenario: miningScenario('concurrent') });
    await seedPapersIn(dir, ['replay', 'generative']);
    const env = {
      MOTIV_DATA_DIR: dir,
      MOTIV_LLM_BASE_URL: server.baseUrl,
      MOTIV_LLM_MODEL: 'scripted-chat',
      MOTIV_SEED: 'off',
    };

    const runs = await Promise.all([runMine(env), runMine(env)]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const summaries = runs.map((r) => JSON.parse(r.stdout) as MiningJobSummary);

    expect(server.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(2);
    expect(server.unusedSteps()).toEqual([]);
    // Calls and papers counted once across both jobs.
    expect(summaries.reduce((n, s) => n + s.usage.calls, 0)).toBe(2);
    expect(summaries.reduce((n, s) => n + s.papers.done, 0)).toBe(2);
    expect(summaries.reduce((n, s) => n + s.papers.failed, 0)).toBe(0);
    const skipped = summaries.flatMap((s) => s.outcomes.filter((o) => o.outcome === 'skipped'));
    for (const o of skipped) expect(o.message).toMatch(/^(being mined by job|mined by job) \S+/);

    const graph = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
    try {
      const stats = await graph.stats();
      expect(stats.nodes).toMatchObject({ Problem: 2, Challenge: 2, Solution: 2, Paper: 2 });
      expect(stats.edges.EXTRACTED_FROM).toBe(6);
    } finally {
      await graph.close();
    }
  }, 30_000);
});
