import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../../test-support/stop-after-each.ts';
import { loadScenarioFile } from '../../../e2e/scripted-llm/scenario.ts';
import { startScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import { JudgmentStore } from '../../judge/judgment-store.ts';
import { seedIdeatorSessions } from '../../judge/test-ideas.ts';
import { projectPath } from '../../shared/project-path.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import type { CliIo } from '../io.ts';
import { tournamentCommand } from './judge.ts';

const TOPIC = 'graph neural networks for drug discovery';
const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
let server: ScriptedLlm | undefined;

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('motiv tournament killed mid-run', () => {
  it('resumes in a new process without re-judging any stored pair', async () => {
    const dataDir = tempDir();
    seedIdeatorSessions(dataDir, TOPIC, ['delta', 'beta', 'alpha', 'gamma']);
    // Every answer takes 150 ms, so the process is surely killed with a request in flight.
    const scenario = loadScenarioFile(
      projectPath('e2e', 'scripted-llm', 'scenarios', 'judge-tournament.json'),
    );
    server = await startLlm({
      scenario: { ...scenario, steps: scenario.steps.map((s) => ({ ...s, delayMs: 150 })) },
    });
    const env = {
      ...process.env,
      MOTIV_DATA_DIR: dataDir,
      MOTIV_LLM_BASE_URL: server.baseUrl,
      MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
    };
    const args = ['--topic', TOPIC, '--seed', '7', '--rounds', '3'];
    const child = spawn(
      process.execPath,
      [projectPath('src-main', 'cli', 'main.ts'), 'tournament', ...args],
      {
        env,
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await until(() => (server?.requests.length ?? 0) >= 6);
    child.kill('SIGKILL');
    await exited;

    const store = new JudgmentStore(join(dataDir, 'judgments.sqlite'));
    const stored = store.count('pairwise');
    store.close();
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(stored).toBeLessThan(12);
    const sentBefore = server.requests.length;

    const out: string[] = [];
    const io: CliIo = { env, out: (t) => void out.push(t), err: () => {} };
    expect(await tournamentCommand([...args, '--json'], io)).toBe(0);
    const result = JSON.parse(out.join('')) as {
      newCalls: number;
      reusedCalls: number;
      standings: { id: string }[];
    };
    expect(result.reusedCalls).toBe(stored);
    expect(result.newCalls).toBe(12 - stored);
    expect(server.requests.length - sentBefore).toBe(12 - stored);
    expect(result.standings[0]?.id).toBe('id-alpha');
  });
});
