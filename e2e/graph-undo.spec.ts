import type { Page } from '@playwright/test';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import type { GraphStore } from '../src-main/graph/port.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, test, type AppHandle } from './fixtures.ts';

/**
 * Undo of a delete and of a merge in the Graph section (graph.restoreDeleted / graph.unmerge): the node, its
 * edges, and a merge's folded node come back as they were; a merge whose survivor someone else edited since is
 * not undone over that edit. The store is read back from the real SQLite file, and written by a second process
 * (as the CLI would) for the second writer.
 */

async function onStore<T>(app: AppHandle, work: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = EmbeddedGraphStore.open(embeddedGraphPath(app.dataDir));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The node named `name` with the ids of its edges, as stored. */
const withEdges = (app: AppHandle, kind: 'Problem' | 'Solution', name: string) =>
  onStore(app, async (store) => {
    const node = await store.getNodeByName(kind, name);
    if (!node) return null;
    const { edges } = await store.subgraph({ ids: [node.id], depth: 1 });
    const own = edges.filter((e) => e.from === node.id || e.to === node.id);
    return { node, edgeIds: own.map((e) => e.id).sort() };
  });

async function openByName(
  page: Page,
  app: AppHandle,
  kind: 'Problem' | 'Solution',
  name: string,
): Promise<void> {
  const found = await withEdges(app, kind, name);
  if (!found) throw new Error(`${kind} ${name} missing`);
  await page.goto(`${app.origin ?? ''}/#/graph/node/${encodeURIComponent(found.node.id)}`);
  await expect(page.getByTestId('graph-node-name')).toHaveText(name);
}

async function mergeSelfEvalIntoSearch(page: Page, app: AppHandle): Promise<void> {
  await openByName(page, app, 'Solution', SAMPLE.solutionSearch);
  await page.getByTestId('graph-merge').click();
  await page.getByTestId('graph-merge-target-query').fill('Self-evaluation');
  await page.getByTestId('graph-merge-target-hits').getByText(SAMPLE.solutionSelfEval).click();
  await page.getByTestId('graph-merge-confirm').click();
  await expect(page.getByTestId('graph-curate-notice')).toContainText('Merged 2 nodes');
  expect(await withEdges(app, 'Solution', SAMPLE.solutionSelfEval)).toBeNull();
}

const sampleGraph = async (dataDir: string): Promise<void> => {
  await seedSampleGraph(dataDir);
};

test.describe('undo of delete and merge', () => {
  test.skip(({ app }) => app.kind !== 'browser', 'browser mode (Chromium) runs these flows');
  test.use({ prepareDataDir: { run: sampleGraph } });

  test('delete, then undo: the node and its edges come back', async ({ page, app }, testInfo) => {
    const before = await withEdges(app, 'Problem', SAMPLE.problem);
    expect(before?.edgeIds.length).toBeGreaterThan(2);
    await openByName(page, app, 'Problem', SAMPLE.problem);
    await expect(page.getByTestId('graph-delete')).toBeVisible();
    await page.getByTestId('graph-delete').click();
    await captureScreenshot(page, 'graph-undo-delete-confirm', testInfo);
    await page.getByTestId('graph-delete-confirm').click();
    await expect(page.getByTestId('graph-curate-notice')).toContainText('Deleted Problem');
    expect(await withEdges(app, 'Problem', SAMPLE.problem)).toBeNull();

    await expect(page.getByTestId('graph-undo')).toContainText('Undo delete of');
    await page.getByTestId('graph-undo').click();
    await expect(page.getByTestId('graph-undo-message')).toContainText('Undone: delete of');
    expect(await withEdges(app, 'Problem', SAMPLE.problem)).toEqual(before);
    // The restored node is shown again, with its edges.
    await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.problem);
    await expect(page.getByTestId('graph-edges')).toContainText(SAMPLE.challengeRevisit);
    await captureScreenshot(page, 'graph-undo-delete-undone', testInfo);
  });

  test('merge two solutions, then undo: both nodes, their names and edges are back', async ({
    page,
    app,
  }, testInfo) => {
    const keep = await withEdges(app, 'Solution', SAMPLE.solutionSearch);
    const drop = await withEdges(app, 'Solution', SAMPLE.solutionSelfEval);
    await mergeSelfEvalIntoSearch(page, app);
    await expect(page.getByTestId('graph-undo')).toContainText('Undo merge of');
    await page.getByTestId('graph-undo').click();
    await expect(page.getByTestId('graph-undo-message')).toContainText('Undone: merge of');
    await captureScreenshot(page, 'graph-undo-merge-undone', testInfo);

    expect(await withEdges(app, 'Solution', SAMPLE.solutionSelfEval)).toEqual(drop);
    const kept = await withEdges(app, 'Solution', SAMPLE.solutionSearch);
    expect(kept?.edgeIds).toEqual(keep?.edgeIds);
    expect(kept?.node).toMatchObject({ aliases: keep?.node.aliases, description: keep?.node.description });
    await openByName(page, app, 'Solution', SAMPLE.solutionSelfEval);
  });

  test('a merge whose survivor was edited since is not undone, and the edit stays', async ({ page, app }) => {
    await mergeSelfEvalIntoSearch(page, app);
    // A second writer (another process on the same graph file) edits the survivor.
    await onStore(app, async (store) => {
      const survivor = await store.getNodeByName('Solution', SAMPLE.solutionSearch);
      if (!survivor) throw new Error('survivor missing');
      const patch = { description: 'Edited elsewhere after the merge.' };
      await store.updateNode({ id: survivor.id, expectedVersion: survivor.version, patch }, { actor: 'cli' });
    });
    await page.getByTestId('graph-undo').click();
    await expect(page.getByTestId('graph-undo-message')).toContainText('Could not undo');
    await expect(page.getByTestId('graph-undo-message')).toContainText('Nothing was overwritten');
    const survivor = await withEdges(app, 'Solution', SAMPLE.solutionSearch);
    expect(survivor?.node.description).toBe('Edited elsewhere after the merge.');
    expect(await withEdges(app, 'Solution', SAMPLE.solutionSelfEval)).toBeNull();
  });
});
