import { join } from 'node:path';
import { startScriptedLlm, type ScriptedLlm } from './scripted-llm/server.ts';

/**
 * The scripted LLM of a spec's test: started on the test's `scenarioFile` (a file in scripted-llm/scenarios),
 * none without one, stopped after the test. The `llm` fixture of the specs that run the app against it.
 */
export async function useScriptedLlm(
  scenarioFile: string | null,
  use: (llm: ScriptedLlm | null) => Promise<void>,
): Promise<void> {
  const llm = scenarioFile
    ? await startScriptedLlm({
        scenario: join(import.meta.dirname, 'scripted-llm', 'scenarios', scenarioFile),
      })
    : null;
  await use(llm);
  await llm?.stop();
}

/**
 * The app's LLM environment: the scripted server under a model name with a built-in price (so estimates and costs
 * are figures; the server ignores the name), or, without one, no endpoint at all whatever the outer environment
 * says.
 */
export function appLlmEnv(llm: ScriptedLlm | null): Record<string, string> {
  return llm
    ? { MOTIV_LLM_BASE_URL: llm.baseUrl, MOTIV_LLM_MODEL: 'gpt-4o-mini' }
    : { MOTIV_LLM_BASE_URL: '', MOTIV_LLM_API_KEY: '', MOTIV_LLM_MODEL: '' };
}
