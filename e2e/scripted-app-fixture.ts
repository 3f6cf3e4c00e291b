import { test as base, type Page } from '@playwright/test';
import { newDataDir, startBrowserMode, type BrowserModeApp } from './app-launcher.ts';
import { useAppPage } from './app-page.ts';
import type { SectionName } from './fixtures.ts';
import { appLlmEnv, useScriptedLlm } from './scripted-llm-fixture.ts';
import { startScriptedLlm, type ScriptedLlm } from './scripted-llm/server.ts';
import type { ScenarioInput } from './scripted-llm/scenario.ts';

export interface ScriptedAppFixtures {
  llm: ScriptedLlm | null;
  app: BrowserModeApp;
  page: Page;
}

export interface ScriptedAppOptions {
  scenarioFile: string | null;
  /** A scenario built by the spec (e.g. a file's steps slowed down), used instead of `scenarioFile`. */
  scenario: { build(): ScenarioInput } | null;
  appEnv: Record<string, string>;
}

interface ScriptedAppSetup {
  /** The section the page opens first; none leaves the app where it starts. */
  section?: SectionName;
  /** Prepares the fresh data directory before the app starts (e.g. seeds a graph). */
  seed?: (dataDir: string) => Promise<void> | void;
}

/**
 * The fixture of the specs that run the app against the scripted LLM: browser mode in Chromium on a fresh data
 * dir prepared by `seed`, the core talking to the scripted OpenAI-compatible server (scenario per test) through
 * the real `openai` client, the page (downloads accepted) opened on `section`. `appEnv` adds environment for the
 * app process (e.g. an API key, the MiniLM models dir).
 */
export function scriptedAppTest({
  section,
  seed,
}: ScriptedAppSetup): ReturnType<typeof base.extend<ScriptedAppFixtures & ScriptedAppOptions>> {
  return base.extend<ScriptedAppFixtures & ScriptedAppOptions>({
    scenarioFile: [null, { option: true }],
    scenario: [null, { option: true }],
    appEnv: [{}, { option: true }],
    llm: async ({ scenarioFile, scenario }, use) => {
      if (!scenario) return useScriptedLlm(scenarioFile, use);
      const llm = await startScriptedLlm({ scenario: scenario.build() });
      await use(llm);
      await llm.stop();
    },
    app: async ({ llm, appEnv }, use) => {
      const dataDir = newDataDir();
      await seed?.(dataDir);
      const app = await startBrowserMode(dataDir, { ...appLlmEnv(llm), ...appEnv });
      await use(app);
      await app.stop();
    },
    page: async ({ browser, app }, use) => {
      await useAppPage(browser, app, use, { section, acceptDownloads: true });
    },
  });
}
