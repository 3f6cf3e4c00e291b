import { test as base, expect, type Page } from '@playwright/test';
import { seedIdeatorSessions } from '../src-main/judge/test-ideas.ts';
import { newDataDir, startBrowserMode, type BrowserModeApp } from './app-launcher.ts';
import { useAppPage } from './app-page.ts';
import { appLlmEnv, useScriptedLlm } from './scripted-llm-fixture.ts';
import { startScriptedLlm, type ScriptedLlm } from './scripted-llm/server.ts';
import type { ScenarioInput } from './scripted-llm/scenario.ts';

/**
 * The Evaluate specs' fixture: browser mode in Chromium on a fresh data dir whose ideator.sqlite holds one
 * session on TOPIC with four written ideas (alpha, beta, gamma, delta; the judge's test ideas), the core talking
 * to the scripted OpenAI-compatible server (scenario per test) through the real `openai` client; `appEnv` adds
 * environment for the app process (e.g. the MiniLM models dir for diversity).
 */

export const TOPIC = 'graph neural networks for drug discovery';
export const WORDS = ['alpha', 'beta', 'gamma', 'delta'] as const;

export interface EvaluateFixtures {
  llm: ScriptedLlm | null;
  app: BrowserModeApp;
  page: Page;
}

export const test = base.extend<
  EvaluateFixtures & {
    scenarioFile: string | null;
    /** A scenario built by the spec (e.g. a file's steps slowed down), used instead of `scenarioFile`. */
    scenario: { build(): ScenarioInput } | null;
    appEnv: Record<string, string>;
  }
>({
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
    seedIdeatorSessions(dataDir, TOPIC, WORDS);
    const app = await startBrowserMode(dataDir, { ...appLlmEnv(llm), ...appEnv });
    await use(app);
    await app.stop();
  },
  page: async ({ browser, app }, use) => {
    await useAppPage(browser, app, use, { section: 'evaluate', acceptDownloads: true });
  },
});

export { expect };
