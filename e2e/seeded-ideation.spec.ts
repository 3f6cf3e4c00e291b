import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openSection } from './app-page.ts';
import { captureScreenshot } from './fixtures.ts';
import { seedIdeateGraph } from './ideate-fixture.ts';
import { chooseMethod } from './methods-steps.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * Issue 6's "use as inspiration", end to end in a real Chromium over browser mode: methods chosen in the atlas
 * reach the researcher's prompt of a real session (the scripted OpenAI-compatible server plays the agents and
 * records every request), the session shows them, and the accepted idea is listed in the Ideas section.
 */

const test = scriptedAppTest({ seed: seedIdeateGraph });
test.use({ scenarioFile: 'ideator-accept.json' });

test('methods chosen as inspiration seed a session that runs to ACCEPT and lands in Ideas', async ({
  page,
  llm,
}, testInfo) => {
  test.setTimeout(90_000);
  await openSection(page, 'methods');
  await expect(page.getByTestId('methods-page')).toHaveAttribute('data-status', 'ready');
  await chooseMethod(page, 'llm+p', 'llm-p');
  await chooseMethod(page, 'tree of thoughts', 'tree-of-thoughts-tot');
  await chooseMethod(page, 'knowagent', 'knowagent');
  await expect(page.getByTestId('chosen-count')).toHaveText('3 chosen');
  await page.getByTestId('inspire-button').click();
  await expect(page.getByTestId('methods-notice')).toContainText('Saved: open Ideate');

  // The form shows the methods as chips; the user drops one before starting.
  await openSection(page, 'ideate');
  const chips = page.getByTestId('ideate-inspiration-chip');
  await expect(chips).toHaveCount(3);
  await chips.filter({ hasText: 'KnowAgent' }).getByTestId('ideate-inspiration-remove').click();
  await expect(chips).toHaveCount(2);
  await page.getByTestId('ideate-use-inspiration').click();
  await expect(page.getByTestId('ideate-topic')).toHaveValue(/LLM\+P, Tree of Thoughts \(ToT\)/);
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-rounds').fill('3');
  // The fixed cycle: this test is about inspiration; the scenario's mentor accepts in round 2.
  await page.getByTestId('ideate-policy').selectOption('cycle');
  await expect(page.getByTestId('ideate-estimate-cost')).toHaveText(/^\$\d/);
  await page.getByTestId('ideate-start').click();

  const session = page.getByTestId('ideate-session');
  const inspired = session.getByTestId('ideate-session-inspiration');
  await expect(inspired).toContainText('Inspired by 2 planning method(s): LLM+P, Tree of Thoughts (ToT)');
  await expect(inspired).not.toContainText('KnowAgent');
  await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 30_000 });
  await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
  expect(llm?.unusedSteps()).toEqual([]);
  // The selection was used up: the next session starts without it.
  await expect(page.getByTestId('ideate-inspiration')).toHaveCount(0);

  // The researcher's first request carried the two methods as quoted data, not the removed one.
  const first = JSON.stringify(llm?.requests[0]?.body ?? {});
  expect(first).toContain('[role:researcher]');
  expect(first).toContain('<inspiration-data>');
  expect(first).toContain('LLM+P: Empowering Large Language Models with Optimal Planning Proficiency');
  expect(first).toContain('Tree Of Thoughts: Deliberate Problem Solving With Large Language Models');
  expect(first).toContain('Searching-based Methods › Exploration-based Methods › ToT-based');
  expect(first).not.toContain('KnowAgent');
  await page.getByTestId('section-ideate').evaluate((main) => main.scrollTo(0, 0));
  await captureScreenshot(page, 'seeded-ideation', testInfo);

  // The Ideas library lists the idea honestly: title, status, versions; its Markdown export and its session open.
  await openSection(page, 'ideas');
  await expect(page.getByTestId('ideas-empty')).toHaveCount(0);
  const row = page.getByTestId('library-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('library-row-title')).toContainText('version 2');
  await expect(row.getByTestId('library-row-status')).toHaveText('accepted');
  await row.getByTestId('library-row-title').click();
  await expect(page.getByTestId('idea-versions')).toContainText('Versions (2)');
  await page.getByTestId('idea-detail').getByTestId('export-menu-toggle').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-as-md').click(),
  ]);
  expect(download.suggestedFilename()).toBe('kg_guided_socratic_ideation_v2-v2.md');
  expect(readFileSync(await download.path(), 'utf8')).toContain('version 2');
  await captureScreenshot(page, 'ideas-library', testInfo);

  await page.getByTestId('idea-open-session').click();
  await expect(page.getByTestId('section-ideate')).toBeVisible();
  await expect(page.getByTestId('ideate-session-inspiration')).toContainText('LLM+P');
});
