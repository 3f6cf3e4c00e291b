import { afterEach } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { seedIdeatorSessions } from '../judge/test-ideas.ts';
import { projectPath } from '../shared/project-path.ts';
import { useTempDirs } from './temp-dir.ts';

/** The topic of the four test ideas the judge and ratings handler tests run on. */
export const JUDGED_TOPIC = 'graph neural networks for drug discovery';
/** The words the four test ideas are told apart by (idea ids `id-<word>`). */
export const JUDGED_WORDS = ['delta', 'beta', 'alpha', 'gamma'];

export interface JudgedIdeasCores {
  /** Seeds a data dir and starts the scripted judge on `scenario`; the function returned opens a core on it. */
  setup(scenario: string): Promise<() => Core>;
  /** The scripted LLM of the last setup (until the test ends). */
  server?: ScriptedLlm;
}

/**
 * For core handler tests of the judge and ratings channels: each call makes a data dir with the four test ideas on
 * JUDGED_TOPIC and starts the scripted LLM on `scenario` (a file in e2e/scripted-llm/scenarios) as the judge; the
 * function it returns opens a new core on that dir (a restart). Cores and server are closed after each test.
 */
export function useJudgedIdeasCores(): JudgedIdeasCores {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  const fixture: JudgedIdeasCores = {
    async setup(scenario) {
      const dataDir = tempDir();
      seedIdeatorSessions(dataDir, JUDGED_TOPIC, JUDGED_WORDS);
      const server = await startScriptedLlm({
        scenario: projectPath('e2e', 'scripted-llm', 'scenarios', scenario),
      });
      fixture.server = server;
      const env = {
        MOTIV_DATA_DIR: dataDir,
        MOTIV_LLM_BASE_URL: server.baseUrl,
        MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
      };
      return () => {
        const core = createCore({ env });
        cores.push(core);
        return core;
      };
    },
  };
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await fixture.server?.stop();
    delete fixture.server;
  });
  return fixture;
}
