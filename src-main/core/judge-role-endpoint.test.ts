import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ResponseOf } from '../contract/channels.ts';
import { seedIdeatorSessions } from '../judge/test-ideas.ts';
import { projectPath } from '../shared/project-path.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/** The judge reaches its own endpoint (MOTIV_LLM_JUDGE_BASE_URL), not the shared one, through requireLlm('judge'). */

const TOPIC = 'graph neural networks for drug discovery';
const tempDir = useTempDirs();
const open = useOpenCore();

describe('the judge on its own endpoint', () => {
  it('runs a tournament against MOTIV_LLM_JUDGE_BASE_URL while the shared endpoint is dead', async () => {
    const dataDir = tempDir();
    seedIdeatorSessions(dataDir, TOPIC, ['delta', 'beta', 'alpha', 'gamma']);
    const server = await startScriptedLlm({
      scenario: projectPath('e2e', 'scripted-llm', 'scenarios', 'judge-tournament.json'),
    });
    open.server = server;
    const core = createCore({
      env: {
        MOTIV_DATA_DIR: dataDir,
        // Port 1 on loopback: nothing listens, so a call that went to the shared endpoint would fail.
        MOTIV_LLM_BASE_URL: 'http://127.0.0.1:1/v1',
        MOTIV_LLM_JUDGE_BASE_URL: server.baseUrl,
        MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
      },
    });
    open.core = core;
    const reply = await dispatch(
      core.handlers,
      'judge.tournament',
      { topic: TOPIC, seed: 7, rounds: 3 },
      { transport: 'ipc' },
    );
    if (!('result' in reply)) throw new Error(`judge.tournament failed: ${JSON.stringify(reply)}`);
    const tournament = reply.result as ResponseOf<'judge.tournament'>;
    expect(tournament.standings[0]?.id).toBe('id-alpha');
    expect(server.requests.length).toBeGreaterThan(0);
  });
});
