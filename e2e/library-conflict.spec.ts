import { openSection } from './app-page.ts';
import { captureScreenshot } from './fixtures.ts';
import { expect, libraryRow, openIdea, SEEDED_TOPIC, test } from './library-fixture.ts';

/**
 * Two tabs of the library edit the same idea's note: the second save names the revision its editor opened, the
 * core refuses it (CONFLICT), and the tab shows both versions instead of overwriting the first tab's note.
 */

test('two tabs saving the same note: the second gets the conflict dialog, nothing is silently overwritten', async ({
  page,
  app,
}, testInfo) => {
  const other = await page.context().newPage();
  await other.goto(app.url);
  await other.getByTestId('nav-ideas').click();
  for (const tab of [page, other]) {
    await expect(libraryRow(tab, 'id-beta')).toHaveCount(1);
    await openIdea(tab, 'id-beta');
  }

  // The second tab starts typing first; then the first tab saves.
  await other.getByTestId('idea-note').fill('Tab two: ask about the assay.');
  await page.getByTestId('idea-note').fill('Tab one: needs a wet-lab partner.');
  await page.getByTestId('idea-notes-save').click();
  await expect(page.getByTestId('idea-notes-saved')).toContainText('revision 1');

  // The second tab saves against the revision it opened: refused, and shown side by side.
  await other.getByTestId('idea-notes-save').click();
  const dialog = other.getByTestId('idea-notes-conflict');
  const sides = dialog.getByTestId('conflict-field-note').locator('pre');
  await expect(sides).toHaveText(['Tab two: ask about the assay.', 'Tab one: needs a wet-lab partner.']);
  await captureScreenshot(other, 'library-note-conflict', testInfo);

  // Merged by hand, saved against the stored revision: both words survive, in both tabs.
  await dialog.getByTestId('conflict-merge').click();
  await dialog
    .getByTestId('conflict-merge-note')
    .fill('Tab one: needs a wet-lab partner. Tab two: ask about the assay.');
  await dialog.getByTestId('conflict-save-merge').click();
  await expect(dialog).toHaveCount(0);
  await expect(other.getByTestId('idea-notes-saved')).toContainText('revision 2');
  await expect(page.getByTestId('idea-note')).toHaveValue(
    'Tab one: needs a wet-lab partner. Tab two: ask about the assay.',
  );
  // The note is searchable from the cache at once.
  await page.getByTestId('library-search').fill('wet-lab');
  await expect(page.getByTestId('library-row')).toHaveCount(1);

  // Settings clears this browser's copy; the core's library is untouched and refills it on the next visit.
  await openSection(page, 'settings');
  await expect(page.getByTestId('offline-cache-size')).toContainText('4 idea(s), 1 opened idea record(s)');
  await page.getByTestId('offline-cache-clear').click();
  await expect(page.getByTestId('offline-cache-cleared')).toBeVisible();
  await expect(page.getByTestId('offline-cache-size')).toContainText('0 idea(s), 0 opened idea record(s)');
  await openSection(page, 'ideas');
  await expect(page.getByTestId('library-row')).toHaveCount(4);

  // "New session on this topic": Ideate's start form is filled in with the idea's topic, nothing started.
  await openIdea(page, 'id-beta');
  await page.getByTestId('idea-new-session').click();
  await expect(page.getByTestId('section-ideate')).toBeVisible();
  await expect(page.getByTestId('ideate-topic')).toHaveValue(SEEDED_TOPIC);
});
