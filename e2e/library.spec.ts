import { statSync } from 'node:fs';
import { captureScreenshot } from './fixtures.ts';
import { openSection } from './app-page.ts';
import { cycleSessionToCompletion } from './ideate-fixture.ts';
import { expect, libraryRow, openIdea, test } from './library-fixture.ts';

/**
 * Issue 14's library in a real Chromium over browser mode: a session run to ACCEPT against the scripted LLM lands
 * in the library beside three earlier ideas; it is found by a word of its abstract, opened, its two versions
 * diffed; ideas are compared and archived with undo; with the API blocked a reload still shows the library from
 * IndexedDB, read-only under the offline banner, and it comes back by itself when the API does.
 */

test.use({ scenarioFile: 'ideator-accept.json' });
test.describe.configure({ timeout: 120_000 });

test('a new idea is found by its abstract, diffed, compared, archived with undo, and shown offline', async ({
  page,
}, testInfo) => {
  // The three seeded ideas are there from the start.
  await expect(page.getByTestId('library-row')).toHaveCount(4); // alpha, beta, gamma + one still being drafted
  await openSection(page, 'ideate');
  await cycleSessionToCompletion(page);

  await openSection(page, 'ideas');
  await expect(page.getByTestId('library-row')).toHaveCount(5);
  await captureScreenshot(page, 'library-list', testInfo);

  // `/` focuses the search; a word of the abstract finds the idea, and only it.
  await page.getByTestId('library-list').focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('library-search')).toBeFocused();
  await page.keyboard.type('socratically');
  const found = page.getByTestId('library-row');
  await expect(found).toHaveCount(1);
  await expect(found.getByTestId('library-row-title')).toContainText(
    'Graph-grounded Socratic ideation, version 2',
  );
  await expect(found.getByTestId('library-row-status')).toHaveText('accepted');
  await page.getByTestId('library-search').fill('socratically nowhere-else');
  await expect(page.getByTestId('library-row')).toHaveCount(0);
  await page.getByTestId('library-search').fill('socratically');
  await expect(found).toHaveCount(1);

  // Keyboard: into the list, Enter opens the idea, Escape closes it.
  await page.getByTestId('library-list').focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('idea-detail');
  await expect(detail.getByTestId('idea-detail-title')).toContainText('version 2');
  await expect(page.getByTestId('idea-versions')).toContainText('Versions (2)');

  // The diff of v1 → v2 marks the changed words, as text.
  await expect(page.getByTestId('diff-from')).toHaveValue('1');
  await expect(page.getByTestId('diff-to')).toHaveValue('2');
  const diff = page.getByTestId('version-diff');
  await expect(diff.locator('[data-kind="removed"]').first()).toBeVisible();
  expect(await diff.locator('[data-kind="added"]').allTextContents()).toContain('2');
  expect(await diff.locator('[data-kind="removed"]').allTextContents()).toContain('1');
  await expect(diff.locator('b, i, script, img')).toHaveCount(0);
  await expect(page.getByTestId('diff-counts')).toContainText('+');
  // The dialogue that produced v2: the mentor's question and the researcher's answer.
  await expect(page.getByTestId('idea-dialogue')).toContainText('What exactly is a motivation chain');
  await expect(page.getByTestId('idea-cited-nodes').getByTestId('idea-node-link').first()).toHaveAttribute(
    'href',
    /^#\/graph\/node\//,
  );
  // Same version on both sides: the version's text, no diff.
  await page.getByTestId('diff-from').selectOption('2');
  await expect(page.getByTestId('version-text')).toContainText(
    'Title: Graph-grounded Socratic ideation, version 2',
  );
  await page.getByTestId('diff-from').selectOption('1');
  await captureScreenshot(page, 'library-detail-diff', testInfo);

  // Every export format downloads from the detail (reports-export.spec.ts parses each file).
  const menu = detail.getByTestId('export-menu');
  for (const [format, ext] of [
    ['md', 'md'],
    ['html', 'html'],
    ['pdf', 'pdf'],
    ['json', 'json'],
    ['bibtex', 'bib'],
  ] as const) {
    await menu.getByTestId('export-menu-toggle').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      menu.getByTestId(`export-as-${format}`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`kg_guided_socratic_ideation_v2-v2.${ext}`);
    expect(statSync(await download.path()).size).toBeGreaterThan(0);
  }
  await expect(menu.getByTestId('export-menu-error')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  // Compare two seeded ideas side by side.
  await page.getByTestId('library-search').fill('');
  await expect(page.getByTestId('library-row')).toHaveCount(5);
  await libraryRow(page, 'id-alpha').getByTestId('library-row-select').check();
  await libraryRow(page, 'id-beta').getByTestId('library-row-select').check();
  await page.getByTestId('library-compare-open').click();
  const compare = page.getByTestId('library-compare');
  await expect(compare.getByTestId('compare-title')).toHaveText([
    'Idea alpha for the topic',
    'Idea beta for the topic',
  ]);
  await expect(compare.getByTestId('compare-cell-Abstract').first()).toContainText('Abstract of idea alpha');
  await captureScreenshot(page, 'library-compare', testInfo);
  await page.getByTestId('library-compare-close').click();

  // Archive with undo: it leaves the library for the archive, and Undo brings it back.
  await openIdea(page, 'id-alpha');
  await page.getByTestId('idea-archive').click();
  await expect(page.getByTestId('library-toast')).toContainText('Archived');
  await expect(libraryRow(page, 'id-alpha')).toHaveCount(0);
  await page.getByTestId('library-filter-archived').selectOption('archived');
  await expect(libraryRow(page, 'id-alpha')).toHaveCount(1);
  await page.getByTestId('library-undo').click();
  await expect(libraryRow(page, 'id-alpha')).toHaveCount(0);
  await page.getByTestId('library-filter-archived').selectOption('active');
  await expect(libraryRow(page, 'id-alpha')).toHaveCount(1);

  // Offline: every API call fails; the reloaded page shows the library from IndexedDB, read-only.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.reload();
  await expect(page.getByTestId('library-offline-banner')).toBeVisible();
  await expect(page.getByTestId('library-row')).toHaveCount(5);
  await page.getByTestId('library-search').fill('socratically');
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await page.getByTestId('library-list').focus();
  await page.keyboard.press('Enter');
  // The opened idea's versions were cached when it was opened online.
  await expect(page.getByTestId('idea-versions')).toContainText('Versions (2)');
  await expect(page.getByTestId('version-diff')).toBeVisible();
  await expect(page.getByTestId('idea-note')).toBeDisabled();
  await captureScreenshot(page, 'library-offline', testInfo);

  // The API comes back: the banner goes by itself and editing is possible again.
  await page.unroute('**/api/**');
  await expect(page.getByTestId('library-offline-banner')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('idea-note')).toBeEnabled();
});
