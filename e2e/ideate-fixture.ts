import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { seedGraph } from '../src-main/test-support/ideator-harness.ts';
import { newDataDir, startBrowserMode, type BrowserModeApp } from './app-launcher.ts';
import { useAppPage } from './app-page.ts';
import { startScriptedLlm, type ScriptedLlm } from './scripted-llm/server.ts';

/**
 * The Ideate specs' fixture: browser mode in Chromium on a fresh data dir with a real embedded graph seeded with
 * a few nodes, the core talking to the scripted OpenAI-compatible server (scenario per test) through the real
 * `openai` client. `appEnv` adds environment for the app process (e.g. an API key).
 */

export interface IdeateFixtures {
  llm: ScriptedLlm | null;
  app: BrowserModeApp;
  page: Page;
}

const scenario = (name: string): string => join(import.meta.dirname, 'scripted-llm', 'scenarios', name);

export const test = base.extend<
  IdeateFixtures & { scenarioFile: string | null; appEnv: Record<string, string> }
>({
  scenarioFile: [null, { option: true }],
  appEnv: [{}, { option: true }],
  llm: async ({ scenarioFile }, use) => {
    const llm = scenarioFile ? await startScriptedLlm({ scenario: scenario(scenarioFile) }) : null;
    await use(llm);
    await llm?.stop();
  },
  app: async ({ llm, appEnv }, use) => {
    const dataDir = newDataDir();
    await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
    // Without a scripted server the app must see no endpoint at all, whatever the outer environment says.
    const env = llm
      ? // A model name with a built-in price, so costs are real figures (the scripted server ignores it).
        { MOTIV_LLM_BASE_URL: llm.baseUrl, MOTIV_LLM_MODEL: 'gpt-4o-mini' }
      : { MOTIV_LLM_BASE_URL: '', MOTIV_LLM_API_KEY: '', MOTIV_LLM_MODEL: '' };
    const app = await startBrowserMode(dataDir, { ...env, ...appEnv });
    await use(app);
    await app.stop();
  },
  page: async ({ browser, app }, use) => {
    await useAppPage(browser, app, use, { section: 'ideate', acceptDownloads: true });
  },
});

export { expect };
