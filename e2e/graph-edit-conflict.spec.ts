import type { Page } from '@playwright/test';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import type { GraphNode } from '../src-main/graph/model.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, test, type AppHandle } from './fixtures.ts';

/**
 * Two people edit the same graph node: two tabs of one browser-mode app. The second save must never vanish
 * under the first tab's stale form; the first tab sees both versions and chooses.
 */

async function storedProblem(dataDir: string, id?: string): Promise<GraphNode> {
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
  try {
    const node = id ? await store.getNode(id) : await store.getNodeByName('Problem', SAMPLE.problem);
    if (!node) throw new Error('seeded problem missing');
    return node;
  } finally {
    await store.close();
  }
}

/** Opens the seeded problem in the Graph section of `page` and starts editing it. */
async function editProblem(page: Page, app: AppHandle, id: string): Promise<void> {
  await page.goto(`${app.origin}/#/graph/node/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.problem);
  await page.getByTestId('graph-edit').click();
  await expect(page.getByTestId('graph-node-editor')).toBeVisible();
}

/** Tab 1 opens the editor and types; tab 2 then saves its own wording of the same node. */
async function raceTwoTabs(page: Page, app: AppHandle): Promise<{ tab2: Page; opened: GraphNode }> {
  test.skip(app.kind !== 'browser', 'two tabs of one app exist in browser mode');
  const opened = await storedProblem(app.dataDir);
  await editProblem(page, app, opened.id);
  await page.getByTestId('graph-edit-description').fill('Tab one: planning needs lookahead.');

  const tab2 = await page.context().newPage();
  await editProblem(tab2, app, opened.id);
  await tab2.getByTestId('graph-edit-description').fill('Tab two: backtracking is the crux.');
  await tab2.getByTestId('graph-edit-save').click();
  await expect(tab2.getByTestId('graph-node-description')).toHaveText('Tab two: backtracking is the crux.');

  // Tab 1 heard about the save, but its form still holds its own text and the version it was opened with.
  await expect(page.getByTestId('graph-edit-stale')).toContainText(`version ${opened.version + 1}`);
  await expect(page.getByTestId('graph-edit-description')).toHaveValue('Tab one: planning needs lookahead.');
  await expect(page.getByTestId('graph-edit-version')).toHaveText(`editing version ${opened.version}`);
  await page.getByTestId('graph-edit-save').click();
  const dialog = page.getByTestId('conflict-dialog');
  await expect(dialog).toBeVisible();
  const description = dialog.getByTestId('conflict-field-description');
  await expect(description.getByTestId('conflict-mine')).toHaveText('Tab one: planning needs lookahead.');
  await expect(description.getByTestId('conflict-theirs')).toHaveText('Tab two: backtracking is the crux.');
  // Nothing was written by the refused save.
  expect((await storedProblem(app.dataDir)).description).toBe('Tab two: backtracking is the crux.');
  return { tab2, opened };
}

test.describe('two tabs edit the same node', () => {
  test.use({ prepareDataDir: { run: (dataDir) => seedSampleGraph(dataDir).then(() => undefined) } });

  test('merge by hand: both versions prefilled, markers must go, the merge is saved', async ({
    page,
    app,
  }, testInfo) => {
    const { tab2, opened } = await raceTwoTabs(page, app);
    await captureScreenshot(page, 'graph-edit-conflict', testInfo);

    await page.getByTestId('conflict-merge').click();
    const merged = page.getByTestId('conflict-merge-description');
    await expect(merged).toHaveValue(
      '<<<<<<< yours\nTab one: planning needs lookahead.\n=======\nTab two: backtracking is the crux.\n>>>>>>> theirs',
    );
    await expect(page.getByTestId('conflict-save-merge')).toBeDisabled();
    await expect(page.getByTestId('conflict-markers-left')).toContainText('Description');
    await captureScreenshot(page, 'graph-edit-conflict-merge', testInfo);
    await merged.fill('Planning needs lookahead; backtracking is the crux.');
    await page.getByTestId('conflict-save-merge').click();

    await expect(page.getByTestId('graph-node-description')).toHaveText(
      'Planning needs lookahead; backtracking is the crux.',
    );
    const stored = await storedProblem(app.dataDir);
    expect(stored).toMatchObject({
      description: 'Planning needs lookahead; backtracking is the crux.',
      version: opened.version + 2,
    });
    // The other tab follows the merged version too.
    await expect(tab2.getByTestId('graph-node-description')).toHaveText(
      'Planning needs lookahead; backtracking is the crux.',
    );
  });

  test('keep mine overwrites knowingly against the new version', async ({ page, app }) => {
    const { opened } = await raceTwoTabs(page, app);
    await page.getByTestId('conflict-keep-mine').click();
    await expect(page.getByTestId('graph-node-description')).toHaveText('Tab one: planning needs lookahead.');
    const stored = await storedProblem(app.dataDir);
    expect(stored).toMatchObject({
      description: 'Tab one: planning needs lookahead.',
      version: opened.version + 2,
    });
    // Both saves are in the history: nothing was lost without a trace.
    await expect(page.getByTestId('graph-audit').locator('li')).toHaveCount(3);
  });

  test('take theirs drops my text and saves nothing', async ({ page, app }) => {
    const { opened } = await raceTwoTabs(page, app);
    await page.getByTestId('conflict-take-theirs').click();
    await expect(page.getByTestId('graph-node-editor')).toHaveCount(0);
    await expect(page.getByTestId('graph-node-description')).toHaveText('Tab two: backtracking is the crux.');
    expect(await storedProblem(app.dataDir)).toMatchObject({
      description: 'Tab two: backtracking is the crux.',
      version: opened.version + 1,
    });
  });

  test('a node merged away by someone else keeps the open form and what was typed', async ({ page, app }) => {
    test.skip(app.kind !== 'browser', 'the merge goes through the browser-mode API');
    const opened = await storedProblem(app.dataDir);
    await editProblem(page, app, opened.id);
    await page.getByTestId('graph-edit-description').fill('Half a paragraph I do not want to lose.');

    // A lab member merges this problem into its parent through the app (graph.changed reaches this tab).
    const store = EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir));
    const parent = await store.getNodeByName('Problem', SAMPLE.parent);
    await store.close();
    if (!parent) throw new Error('seeded parent missing');
    const reply = await page.request.post(`${app.origin}/api/invoke/graph.merge`, {
      headers: { 'x-motiv-token': app.token ?? '' },
      data: {
        keepId: parent.id,
        dropId: opened.id,
        expectedKeepVersion: parent.version,
        expectedDropVersion: opened.version,
      },
    });
    expect(reply.status()).toBe(200);

    await expect(page.getByTestId('graph-detail-problem')).toContainText('deleted or merged');
    await expect(page.getByTestId('graph-edit-description')).toHaveValue(
      'Half a paragraph I do not want to lose.',
    );
    await page.getByTestId('graph-edit-save').click();
    await expect(page.getByTestId('graph-detail-problem')).toContainText('No graph node');
    await expect(page.getByTestId('graph-edit-description')).toHaveValue(
      'Half a paragraph I do not want to lose.',
    );
  });

  test('a hand merge the store refuses (a name over the limit) names the field and keeps the merged text', async ({
    page,
    app,
  }, testInfo) => {
    test.skip(app.kind !== 'browser', 'two tabs of one app exist in browser mode');
    const opened = await storedProblem(app.dataDir);
    const mine = `Mine: ${'m'.repeat(140)}`;
    const theirs = `Theirs: ${'t'.repeat(140)}`;
    await editProblem(page, app, opened.id);
    await page.getByTestId('graph-edit-name').fill(mine);
    const tab2 = await page.context().newPage();
    await editProblem(tab2, app, opened.id);
    await tab2.getByTestId('graph-edit-name').fill(theirs);
    await tab2.getByTestId('graph-edit-save').click();
    await expect(tab2.getByTestId('graph-node-name')).toHaveText(theirs);

    await page.getByTestId('graph-edit-save').click();
    await page.getByTestId('conflict-merge').click();
    await expect(page.getByTestId('conflict-merge-name')).toHaveValue(`${mine} / ${theirs}`);
    await page.getByTestId('conflict-save-merge').click();
    await expect(page.getByTestId('graph-detail-problem')).toContainText('name');
    await expect(page.getByTestId('graph-edit-name')).toHaveValue(`${mine} / ${theirs}`);
    expect((await storedProblem(app.dataDir, opened.id)).name).toBe(theirs);
    await captureScreenshot(page, 'graph-edit-merge-refused', testInfo);
  });
});
