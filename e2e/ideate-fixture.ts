import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { seedGraph } from '../src-main/test-support/ideator-harness.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * The Ideate specs' fixture: browser mode in Chromium on a fresh data dir with a real embedded graph seeded with
 * a few nodes, the core talking to the scripted OpenAI-compatible server (scenario per test) through the real
 * `openai` client. `appEnv` adds environment for the app process (e.g. an API key).
 */
export const test = scriptedAppTest({ section: 'ideate', seed: seedIdeateGraph });

/** The Ideate specs' data dir: a real embedded graph seeded with the ideator's test nodes. */
export async function seedIdeateGraph(dataDir: string): Promise<void> {
  await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
}

export { expect };

/** The topic the Ideate specs' scenarios are written for. */
export const IDEATE_TOPIC = 'LLM research ideation';

/** Starts a one-idea session without a mentor from the start form and waits for it to complete. */
export async function mentorlessDraft(page: Page): Promise<void> {
  await page.getByTestId('ideate-topic').fill(IDEATE_TOPIC);
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-no-mentor').check();
  await page.getByTestId('ideate-start').click();
  await expect(page.getByTestId('ideate-status')).toHaveText('Completed');
}

/**
 * Starts a one-idea, three-round session under the fixed mentor cycle (the scenarios' mentors accept in round 2)
 * from the start form and waits for it to complete.
 */
export async function cycleSessionToCompletion(page: Page): Promise<void> {
  await page.getByTestId('ideate-topic').fill(IDEATE_TOPIC);
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-rounds').fill('3');
  await page.getByTestId('ideate-policy').selectOption('cycle');
  await page.getByTestId('ideate-start').click();
  await expect(page.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 30_000 });
}
