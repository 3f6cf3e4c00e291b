import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../../e2e/scripted-llm/server.ts';
import { seedIdeatorSessions } from '../../judge/test-ideas.ts';
import { projectPath } from '../../shared/project-path.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { judgeCommand, tournamentCommand } from './judge.ts';
import { recordingIo } from '../../test-support/cli-io.ts';

const TOPIC = 'graph neural networks for drug discovery';
const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
let server: ScriptedLlm | undefined;

/** A data dir whose ideator sessions hold the four test ideas on TOPIC (and one still without a version). */
async function setup(scenario: string) {
  const dataDir = tempDir();
  seedIdeatorSessions(dataDir, TOPIC, ['delta', 'beta', 'alpha', 'gamma']);
  server = await startLlm({ scenario: projectPath('e2e', 'scripted-llm', 'scenarios', scenario) });
  return recordingIo({
    MOTIV_DATA_DIR: dataDir,
    MOTIV_LLM_BASE_URL: server.baseUrl,
    MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
  });
}

describe('motiv tournament', () => {
  it("ranks the topic's written ideas, prints the table and cost, and pays nothing when run again", async () => {
    const cli = await setup('judge-tournament.json');
    expect(await tournamentCommand(['--topic', TOPIC, '--seed', '7', '--rounds', '3'], cli)).toBe(0);
    const rows = cli.stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual(['id-alpha', 'id-beta', 'id-gamma', 'id-delta']);
    expect(cli.stdout).toContain('seed 7, 3 rounds, K 32; judge scripted-judge, rubric pairwise.v1');
    expect(cli.stdout).toContain('12 calls made, 0 reused, 3.0 per idea');
    expect(cli.stdout).toContain("not comparable to the paper's numbers");
    expect(server?.requests).toHaveLength(12);

    const again = recordingIo(cli.env);
    expect(await tournamentCommand(['--topic', TOPIC, '--seed', '7', '--rounds', '3', '--json'], again)).toBe(
      0,
    );
    const json = JSON.parse(again.stdout) as { newCalls: number; reusedCalls: number; costUsd: number };
    expect(json).toMatchObject({ newCalls: 0, reusedCalls: 12, costUsd: 0 });
    expect(server?.requests).toHaveLength(12);
  });
});

describe('motiv judge', () => {
  it('scores ideas by id through dispatch and prints the scores and cost', async () => {
    const cli = await setup('judge-score.json');
    expect(await judgeCommand(['id-alpha', 'id-beta'], cli)).toBe(0);
    expect(cli.stdout).toMatch(/^id-alpha\s+8\s+7\s+9\s+6\s+7\s+8\.00/m);
    expect(cli.stdout).toMatch(/^id-beta\s+10\s+5\s+5\s+5\s+4\s+6\.67/m);
    expect(cli.stdout).toContain('judge scripted-judge, rubric direct.v1');
  });

  it('refuses an idea with no written version and an unknown idea, naming them', async () => {
    const cli = await setup('judge-score.json');
    await expect(judgeCommand(['id-unwritten'], cli)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(judgeCommand(['id-missing'], cli)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('id-missing'),
    });
    expect(server?.requests).toHaveLength(0);
  });
});
