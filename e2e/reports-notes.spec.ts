import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { htmlHazards } from '../src-main/test-support/export-parsers.ts';
import { addReportPaper } from '../src-main/test-support/reported-idea-core.ts';
import { openSection } from './app-page.ts';
import { captureScreenshot } from './fixtures.ts';
import { cycleSessionToCompletion, seedIdeateGraph } from './ideate-fixture.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * Issue 15, notes in reports: a note written in the node panel on a node the idea cites shows there as safe
 * Markdown, and the idea's HTML report (downloaded from the Ideas Export menu) carries it as inert text.
 */

const test = scriptedAppTest({
  section: 'ideate',
  seed: async (dataDir) => {
    await seedIdeateGraph(dataDir);
    await addReportPaper(dataDir);
  },
});
test.use({ scenarioFile: 'ideator-accept.json' });

// The solution the `accept` scenario's idea cites.
const CITED = 'Knowledge graph guided retrieval augmentation';
const NOTE =
  '**Checked by the lab**: works on <script>window.__pwned = 1</script> [x](javascript:window.__pwned=2)';

test('a note saved in the node panel shows there and in the exported HTML report, as text', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  await cycleSessionToCompletion(page);

  const store = EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir));
  const node = await store.getNodeByName('Solution', CITED).finally(() => store.close());
  if (!node) throw new Error(`${CITED} missing`);
  await page.goto(`${app.origin ?? ''}/#/graph/node/${encodeURIComponent(node.id)}`);
  await expect(page.getByTestId('graph-node-name')).toHaveText(CITED);
  await page.getByTestId('graph-note-edit').click();
  await page.getByTestId('graph-note-text').fill(NOTE);
  await page.getByTestId('graph-note-save').click();
  const rendered = page.getByTestId('graph-note-rendered');
  await expect(rendered.locator('strong')).toHaveText('Checked by the lab');
  await expect(rendered.locator('script')).toHaveCount(0);
  await captureScreenshot(page, 'reports-notes-panel', testInfo);

  await openSection(page, 'ideas');
  await page.getByTestId('library-row').getByTestId('library-row-title').click();
  const menu = page.getByTestId('idea-detail').getByTestId('export-menu');
  await menu.getByTestId('export-menu-toggle').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByTestId('export-as-html').click(),
  ]);
  const html = readFileSync(await download.path(), 'utf8');
  expect(htmlHazards(html)).toEqual([]);

  const report = await page.context().newPage();
  await report.setContent(html);
  await expect(report.getByRole('heading', { name: 'Notes on cited nodes' })).toBeVisible();
  const quoted = report.locator('blockquote.node-note');
  await expect(quoted).toHaveCount(1);
  await expect(quoted).toContainText(`Solution: ${CITED}`);
  await expect(quoted).toContainText(NOTE);
  await expect(quoted.locator('script, a, img')).toHaveCount(0);
  await quoted.scrollIntoViewIfNeeded();
  await captureScreenshot(report, 'reports-notes-html', testInfo);
  expect(await report.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await report.close();
});
