import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureScreenshot, expect, test } from './fixtures.ts';

/**
 * Settings → Graph store as a lab member uses it: the display name beside the store choice, a lab Neo4j that
 * does not answer (a real closed port) tested and refused with the test's message while the app stays on its
 * file, a hostile URI refused on its field, "switch anyway", and back to the file, all without a restart. The
 * password goes in once and never comes back. The switch to a real Neo4j is pinned in vitest
 * (test-support/graph-store-switch-suite.ts): starting Neo4j here would double the spec's time.
 */
const DOWN = 'bolt://127.0.0.1:1';
const PASSWORD = 'pw-e2e-graph-store-5f2a';

test.use({ startSection: 'settings' });

test('choose the store: unreachable Neo4j refused, switch anyway, back to the file', async ({
  page,
  app,
}, testInfo) => {
  const panel = page.getByTestId('settings-section-graph-store');
  const banner = page.getByTestId('lab-banner-store');
  await expect(page.getByTestId('graph-store-current')).toContainText("this computer's file");
  await expect(page.getByTestId('graph-store-embedded')).toBeChecked();
  await expect(page.getByTestId('graph-store-switch')).toHaveText('In use');

  // The display name lives in the same panel and signs every graph write.
  await panel.getByTestId('setting-display-name').fill('Ada Lovelace');
  await panel.getByTestId('settings-save-profile').click();
  await expect(page.getByTestId('lab-banner-actor')).toHaveText('Ada Lovelace');

  await page.getByTestId('graph-store-neo4j').check();
  await page.getByTestId('graph-store-uri').fill(DOWN);
  await page.getByTestId('secret-neo4j-password-input').fill(PASSWORD);
  await page.getByTestId('secret-neo4j-password-save').click();
  await expect(page.getByTestId('secret-neo4j-password-state')).toHaveText('set');

  await panel.getByRole('heading', { name: 'Graph store' }).scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-graph-store-choice', testInfo);
  await page.getByTestId('graph-connection-test').click();
  await expect(page.getByTestId('graph-connection-result')).toContainText('Not reachable');

  // Refused with the test's message: the app stays on its file.
  await page.getByTestId('graph-store-switch').click();
  await expect(page.getByTestId('graph-store-message')).toContainText(
    "Not switched (still on this computer's file)",
  );
  await expect(page.getByTestId('graph-store-force')).toBeVisible();
  await expect(banner).toHaveText('Graph on this computer (embedded file)');
  await panel.scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-graph-store-refused', testInfo);

  // A hostile URI is refused on its field, before any connection is tried.
  await page.getByTestId('graph-store-uri').fill('javascript:alert(1)');
  await page.getByTestId('graph-store-switch').click();
  await expect(panel.locator('.field-error')).toContainText('must start with bolt:// or neo4j://');
  await expect(page.getByTestId('graph-store-force')).toHaveCount(0);

  // Another window on the Graph section follows the switch by itself (graph.changed), without a reload.
  const graphPage = app.kind === 'browser' ? await page.context().newPage() : null;
  if (graphPage) {
    await graphPage.goto(`${app.origin ?? ''}/#/graph`);
    await expect(graphPage.getByTestId('graph-store')).toContainText('Embedded');
  }

  await page.getByTestId('graph-store-uri').fill(DOWN);
  await page.getByTestId('graph-store-switch').click();
  await page.getByTestId('graph-store-force').click();
  if (graphPage)
    await expect(graphPage.getByTestId('graph-error')).toContainText('Could not refresh the graph');
  await expect(page.getByTestId('graph-store-message')).toContainText('which does not answer yet');
  await expect(page.getByTestId('lab-banner-down')).toContainText(
    `Lab graph on Neo4j ${DOWN} cannot be reached`,
  );
  await expect(page.getByTestId('graph-store-current')).toContainText(`lab Neo4j at ${DOWN}`);
  await captureScreenshot(page, 'settings-graph-store-forced', testInfo);

  // Back to the file, no restart; the lab address is kept for next time.
  await page.getByTestId('graph-store-embedded').check();
  await page.getByTestId('graph-store-switch').click();
  await expect(page.getByTestId('graph-store-message')).toHaveText('Now working on the embedded file.');
  await expect(banner).toHaveText('Graph on this computer (embedded file)');
  await expect(page.getByTestId('graph-store-uri')).toHaveValue(DOWN);
  if (graphPage) {
    await expect(graphPage.getByTestId('graph-error')).toHaveCount(0);
    await expect(graphPage.getByTestId('graph-store')).toContainText('Embedded');
  }

  expect(await page.content()).not.toContain(PASSWORD);
  expect(readFileSync(join(app.dataDir, 'logs', 'motiv.log'), 'utf8')).not.toContain(PASSWORD);
  const saved = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
    graph: { store: string };
  };
  expect(saved.graph.store).toBe('embedded');
});
