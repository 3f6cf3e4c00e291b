import type { Page } from '@playwright/test';
import { newDataDir, startBrowserMode, type BrowserModeApp } from './app-launcher.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';

/**
 * What the user writes in Methods lives in the core's data dir; IndexedDB (keyed by origin) is only a cache.
 * These run browser mode directly: they need two servers on one data dir, or two browsers on one server.
 */

interface CoreAnnotations {
  annotations: { methodId: string; note: string; starred: boolean; tags: string[]; revision: number }[];
  userMethods: { id: string; name: string }[];
}

/** Reads the core's copy over HTTP, the way any client would (token header). */
async function coreAnnotations(server: BrowserModeApp): Promise<CoreAnnotations> {
  const res = await fetch(`${server.origin}/api/invoke/annotations.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-motiv-token': server.token },
    body: '{}',
  });
  return ((await res.json()) as { result: CoreAnnotations }).result;
}

async function openMethods(page: Page): Promise<void> {
  await page.getByTestId('nav-methods').click();
  await expect(page.getByTestId('methods-page')).toHaveAttribute('data-status', 'ready');
}

async function openMethod(page: Page, query: string): Promise<void> {
  await page.getByTestId('methods-search').fill(query);
  await page.getByTestId('method-row').first().getByRole('button').first().click();
  await expect(page.getByTestId('annotation-editor')).toBeVisible();
}

test('stars, tags, notes and added methods come back when browser mode restarts on another port', async ({
  browser,
}, testInfo) => {
  const dataDir = newDataDir();
  const first = await startBrowserMode(dataDir);
  const firstContext = await browser.newContext();
  const page = await firstContext.newPage();
  await page.goto(first.url);
  await openMethods(page);
  await openMethod(page, 'llm+p');
  await page.getByTestId('star-toggle').click();
  await page.getByTestId('tag-input').fill('pddl-baseline');
  await page.getByTestId('tag-add').click();
  await page.getByTestId('note-input').fill('Try with our solver');
  await expect(page.getByTestId('notes-saved')).toBeVisible();
  await page.getByTestId('add-method-button').click();
  await page.getByTestId('add-name').fill('Lab planner');
  await page.getByTestId('add-description').fill('Our own planning method');
  await page.getByTestId('add-category').selectOption({ index: 1 });
  await page.getByTestId('add-subcategory').selectOption({ index: 1 });
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('methods-notice')).toContainText('Lab planner');
  await expect
    .poll(async () => {
      const core = await coreAnnotations(first);
      return [core.annotations[0]?.note, core.annotations[0]?.tags, core.userMethods.map((m) => m.name)];
    })
    .toEqual(['Try with our solver', ['pddl-baseline'], ['Lab planner']]);
  await firstContext.close();
  await first.stop();

  const second = await startBrowserMode(dataDir);
  expect(second.origin).not.toBe(first.origin);
  const secondContext = await browser.newContext();
  const again = await secondContext.newPage();
  await again.goto(second.url);
  await openMethods(again);
  await again.getByTestId('facet-starred').check();
  await expect(again.getByTestId('method-row')).toHaveCount(1);
  await again.getByTestId('method-row').getByRole('button').first().click();
  await expect(again.getByTestId('tag-list')).toContainText('pddl-baseline');
  await expect(again.getByTestId('note-input')).toHaveValue('Try with our solver');
  await again.getByTestId('facet-starred').uncheck();
  await again.getByTestId('methods-search').fill('Lab planner');
  await expect(again.getByTestId('method-row')).toHaveCount(1);
  await captureScreenshot(again, 'methods-after-restart', testInfo);
  await secondContext.close();
  await second.stop();
});

test('a note typed while the core was away is pushed later; a stale one shows both versions to merge', async ({
  browser,
}, testInfo) => {
  const server = await startBrowserMode(newDataDir());
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  await pageA.goto(server.url);
  await pageB.goto(server.url);
  for (const page of [pageA, pageB]) {
    await openMethods(page);
    await openMethod(page, 'llm+p');
  }

  // B loses the core and writes anyway: kept in its browser, queued.
  await contextB.setOffline(true);
  await pageB.getByTestId('note-input').fill('B: compare with PDDL planners');
  await expect(pageB.getByTestId('methods-unsynced')).toBeVisible();

  // Meanwhile A saves a different note to the core.
  await pageA.getByTestId('note-input').fill('A: run the ALFWorld tables');
  await expect
    .poll(async () => (await coreAnnotations(server)).annotations[0]?.note)
    .toBe('A: run the ALFWorld tables');

  // B comes back: its queued write started from before A's, so the core refuses it and B sees both.
  await contextB.setOffline(false);
  const conflict = pageB.getByTestId('annotation-conflict');
  await expect(conflict).toBeVisible({ timeout: 10_000 });
  await expect(conflict.getByTestId('conflict-mine').first()).toHaveText('B: compare with PDDL planners');
  await expect(conflict.getByTestId('conflict-theirs').first()).toHaveText('A: run the ALFWorld tables');
  expect((await coreAnnotations(server)).annotations[0]?.note).toBe('A: run the ALFWorld tables');
  await captureScreenshot(pageB, 'methods-annotation-conflict', testInfo);

  await conflict.getByTestId('conflict-merge').click();
  await conflict.getByTestId('conflict-merge-note').fill('A: run the ALFWorld tables; B: compare with PDDL');
  await conflict.getByTestId('conflict-save-merge').click();
  await expect(conflict).toHaveCount(0);
  await expect
    .poll(async () => (await coreAnnotations(server)).annotations[0]?.note)
    .toBe('A: run the ALFWorld tables; B: compare with PDDL');
  // The other writer follows through the change event, and B shows what it saved.
  await expect(pageA.getByTestId('note-input')).toHaveValue(
    'A: run the ALFWorld tables; B: compare with PDDL',
  );
  await expect(pageB.getByTestId('note-input')).toHaveValue(
    'A: run the ALFWorld tables; B: compare with PDDL',
  );
  await contextA.close();
  await contextB.close();
  await server.stop();
});

test('a note being typed survives starring, tagging and opening another method', async ({
  page,
  section,
}) => {
  await section('methods');
  await expect(page.getByTestId('methods-page')).toHaveAttribute('data-status', 'ready');
  await openMethod(page, 'llm+p');
  await page.getByTestId('note-input').pressSequentially('half a thought');
  await page.getByTestId('star-toggle').click();
  await expect(page.getByTestId('star-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('note-input')).toHaveValue('half a thought');
  await page.getByTestId('note-input').pressSequentially(', and more');
  await page.getByTestId('tag-input').fill('later');
  await page.getByTestId('tag-add').click();
  await expect(page.getByTestId('tag-list')).toContainText('later');
  await expect(page.getByTestId('note-input')).toHaveValue('half a thought, and more');
  // Switch at once, before the autosave delay: the editor saves what was typed as it closes.
  await page.getByTestId('note-input').pressSequentially('!');
  await openMethod(page, 'knowagent');
  await openMethod(page, 'llm+p');
  await expect(page.getByTestId('note-input')).toHaveValue('half a thought, and more!');
  await page.reload();
  await section('methods');
  await openMethod(page, 'llm+p');
  await expect(page.getByTestId('note-input')).toHaveValue('half a thought, and more!');
});
