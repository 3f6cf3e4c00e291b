import type { Page } from '@playwright/test';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, test, type AppHandle } from './fixtures.ts';

/**
 * Lab mode as a member sees it: the banner names the graph and who is recorded on writes; when the configured
 * Neo4j cannot be reached (a real closed port: nothing listens, as when the lab server is down) the app says so,
 * the open node stays readable, and a save is refused with the typed text kept, then succeeds once the graph is
 * back.
 */

async function updateSettings(page: Page, app: AppHandle, patch: unknown): Promise<void> {
  const reply = await page.request.post(`${app.origin ?? ''}/api/invoke/settings.update`, {
    headers: { 'x-motiv-token': app.token ?? '' },
    data: patch,
  });
  expect(reply.status()).toBe(200);
}

test.describe('lab mode', () => {
  test.use({ prepareDataDir: { run: (dataDir) => seedSampleGraph(dataDir).then(() => undefined) } });
  test.skip(({ app }) => app.kind !== 'browser', 'settings are changed through the browser-mode API');

  test('banner, Neo4j unreachable, nothing typed is lost', async ({ page, app }, testInfo) => {
    const store = EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir));
    const problem = await store.getNodeByName('Problem', SAMPLE.problem);
    await store.close();
    if (!problem) throw new Error('seeded problem missing');

    await page.goto(`${app.origin ?? ''}/#/graph/node/${encodeURIComponent(problem.id)}`);
    await expect(page.getByTestId('lab-banner-store')).toHaveText('Graph on this computer (embedded file)');
    await updateSettings(page, app, { profile: { displayName: 'Ada Lovelace' } });
    await expect(page.getByTestId('lab-banner-actor')).toHaveText('Ada Lovelace');

    await page.getByTestId('graph-edit').click();
    await page.getByTestId('graph-edit-description').fill('Typed while the lab server went down.');

    await updateSettings(page, app, { neo4j: { uri: 'bolt://127.0.0.1:1' } });
    await expect(page.getByTestId('lab-banner-down')).toContainText(
      'Lab graph on Neo4j bolt://127.0.0.1:1 cannot be reached',
    );
    await expect(page.getByTestId('lab-banner')).toContainText(/unreachable/i);
    await page.getByTestId('graph-edit-save').click();
    await expect(page.getByTestId('graph-detail-problem')).toContainText(/unreachable/i);
    // The last view stays readable and the form keeps the text.
    await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.problem);
    await expect(page.getByTestId('graph-edit-description')).toHaveValue(
      'Typed while the lab server went down.',
    );
    await page.getByTestId('lab-banner').scrollIntoViewIfNeeded();
    await captureScreenshot(page, 'graph-lab-unreachable', testInfo);

    // Pushing this computer's graph to the unreachable lab server is refused and says why.
    await page.getByTestId('graph-push').click();
    await page.getByTestId('graph-push-save').click();
    await expect(page.getByTestId('graph-push-outcome')).toContainText(/unreachable/i);

    // Settings → Neo4j → Test connection says the same.
    const settings = await page.context().newPage();
    await settings.goto(`${app.origin ?? ''}/#/settings`);
    await settings.getByTestId('graph-connection-test').click();
    await expect(settings.getByTestId('graph-connection-result')).toContainText('Not reachable');
    await captureScreenshot(settings, 'graph-lab-settings-test', testInfo);

    // Back on the embedded store: the banner clears and the same save goes through.
    await updateSettings(page, app, { neo4j: { uri: null } });
    await expect(page.getByTestId('lab-banner-store')).toHaveText('Graph on this computer (embedded file)');
    await page.getByTestId('graph-edit-save').click();
    await expect(page.getByTestId('graph-node-description')).toHaveText(
      'Typed while the lab server went down.',
    );
    const after = EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir));
    try {
      expect(await after.getNode(problem.id)).toMatchObject({
        description: 'Typed while the lab server went down.',
        updatedBy: 'Ada Lovelace',
      });
    } finally {
      await after.close();
    }
  });
});
