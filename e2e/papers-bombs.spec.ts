import { test as base, expect, type Page } from '@playwright/test';
import { newDataDir, startBrowserMode, type BrowserModeApp } from './app-launcher.ts';
import { useAppPage } from './app-page.ts';
import { captureScreenshot } from './fixtures.ts';
import { flateOfZeros, textContent, writePdf } from '../src-main/test-support/pdf-writer.ts';

/**
 * Hostile files through the Graph section's "Papers & mining" panel in a real Chromium over browser mode: a PDF
 * bomb is refused by page and limit, a BibTeX file of bombs keeps its good entry, and the app keeps answering.
 */

const test = base.extend<{ app: BrowserModeApp; page: Page }>({
  // Playwright needs the fixture argument destructured, even when the fixture uses no other fixture
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startBrowserMode(newDataDir(), { MOTIV_SEED: 'off' });
    await use(app);
    await app.stop();
  },
  page: async ({ browser, app }, use) => {
    await useAppPage(browser, app, use, { section: 'graph' });
  },
});

const BOMBS_BIB =
  '@article{good,\n  title = {A Good Paper Among Bombs},\n  year = {2020}\n}\n' +
  '@misc{loop,\n  title = {Loop},\n  crossref = {loop}\n}\n' +
  `@misc{deep,\n  title = {${'{'.repeat(20_000)}x${'}'.repeat(20_000)}}\n}\n`;

test('a PDF bomb is refused by page and limit, BibTeX bombs are skipped, the good entry imports', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const bomb = writePdf([
    { content: textContent(['A Bomb']) },
    { content: await flateOfZeros(300 * 1024 * 1024), flate: true },
  ]);
  const panel = page.getByTestId('papers-mining');
  await panel.getByTestId('pm-files').setInputFiles([
    { name: 'bomb.pdf', mimeType: 'application/pdf', buffer: bomb },
    { name: 'bombs.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(BOMBS_BIB) },
  ]);
  await panel.getByTestId('pm-import-go').click();
  await expect(panel.getByTestId('pm-import-totals')).toContainText('1 imported');
  const sources = panel.getByTestId('pm-import-source');
  await expect(sources.filter({ hasText: 'bomb.pdf' })).toContainText(
    'Refused (IMPORT_LIMIT_EXCEEDED): bomb.pdf page 2: stream object 8 inflates to more than 64 MB (limit: inflated stream size)',
  );
  await expect(panel).toContainText('crossref chain loop → loop never ends');
  await expect(panel).toContainText('braces nested over 64 deep (limit: brace depth)');
  await captureScreenshot(page, 'papers-bombs', testInfo);
  // the core still answers: the graph's stats are read afresh after switching sections
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('nav-graph').click();
  await expect(page.getByTestId('section-graph')).toContainText(/1\s*Papers/u);
});
