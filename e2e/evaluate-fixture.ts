import { expect, type Page } from '@playwright/test';
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

type Scores = Partial<Record<'novelty' | 'experiment' | 'motivation' | 'clarity', string>>;

/** Types scores into the Rate form's fields (rating-<dimension>). */
export async function fillScores(page: Page, scores: Scores): Promise<void> {
  for (const [dimension, value] of Object.entries(scores))
    await page.getByTestId(`rating-${dimension}`).fill(value);
}

/** Asserts the Rate form's fields hold these scores. */
export async function expectScores(page: Page, scores: Scores): Promise<void> {
  for (const [dimension, value] of Object.entries(scores)) {
    await expect(page.getByTestId(`rating-${dimension}`)).toHaveValue(value);
  }
}
