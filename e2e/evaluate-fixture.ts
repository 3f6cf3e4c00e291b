import { expect } from '@playwright/test';
import { seedIdeatorSessions } from '../src-main/judge/test-ideas.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * The Evaluate specs' fixture: browser mode in Chromium on a fresh data dir whose ideator.sqlite holds one
 * session on TOPIC with four written ideas (alpha, beta, gamma, delta; the judge's test ideas), the core talking
 * to the scripted OpenAI-compatible server (scenario per test, or one the spec builds) through the real `openai`
 * client; `appEnv` adds environment for the app process (e.g. the MiniLM models dir for diversity).
 */

export const TOPIC = 'graph neural networks for drug discovery';
export const WORDS = ['alpha', 'beta', 'gamma', 'delta'] as const;

export const test = scriptedAppTest({
  section: 'evaluate',
  seed: (dataDir) => seedIdeatorSessions(dataDir, TOPIC, WORDS),
});

export { expect };
