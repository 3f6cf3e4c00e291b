import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { seedGraph } from '../src-main/test-support/ideator-harness.ts';
import { newDataDir, startBrowserMode, type BrowserModeApp } from './app-launcher.ts';
import { useAppPage } from './app-page.ts';
import { appLlmEnv, useScriptedLlm } from './scripted-llm-fixture.ts';
import type { ScriptedLlm } from './scripted-llm/server.ts';

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

export const test = base.extend<
  IdeateFixtures & { scenarioFile: string | null; appEnv: Record<string, string> }
>({
  scenarioFile: [null, { option: true }],
  appEnv: [{}, { option: true }],
  llm: async ({ scenarioFile }, use) => {
    await useScriptedLlm(scenarioFile, use);
  },
  app: async ({ llm, appEnv }, use) => {
    const dataDir = newDataDir();
    await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
    const app = await startBrowserMode(dataDir, { ...appLlmEnv(llm), ...appEnv });
    await use(app);
    await app.stop();
  },
  page: async ({ browser, app }, use) => {
    await useAppPage(browser, app, use, { section: 'ideate', acceptDownloads: true });
  },
});

export { expect };
