import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';
import { searchGraph } from './app-page.ts';

test.use({ startSection: 'graph' });

/** Reads (or changes) the app's graph file through the real store API, as another process would. */
async function withStore<T>(dataDir: string, run: (store: EmbeddedGraphStore) => Promise<T>): Promise<T> {
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

test.describe('with a small seeded graph', () => {
  test.use({
    prepareDataDir: {
      run: async (dataDir) => {
        await seedSampleGraph(dataDir);
      },
    },
  });

  test('search, open a node, approve it from the review queue and edit its description', async ({
    page,
    app,
  }, testInfo) => {
    await expect(page.getByTestId('graph-count-Problem')).toContainText('2');
    await expect(page.getByTestId('graph-review-proposed')).toContainText('3');
    await expect(page.getByTestId('graph-store')).toContainText('Embedded');

    await searchGraph(page, 'intermediate thoughts');
    // No embeddings in this graph: hybrid says it ran lexically rather than pretending.
    await expect(page.getByTestId('graph-search-note')).toContainText('Lexical results only');
    await page.getByTestId('graph-result').filter({ hasText: SAMPLE.solutionSearch }).click();

    await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.solutionSearch);
    await expect(page.getByTestId('graph-chains')).toContainText(SAMPLE.problem);
    await expect(page.getByTestId('graph-chains')).toContainText(SAMPLE.challengeRevisit);
    await expect(page.getByTestId('graph-papers')).toContainText(SAMPLE.paper);
    // Two hops along motivation edges: the solution, the challenge it solves and that challenge's problem.
    await expect(page.getByTestId('graph-subgraph-node')).toHaveCount(3);

    await page.getByTestId('graph-tab-review').click();
    await expect(page.getByTestId('graph-queue-item')).toHaveCount(3);
    await page.getByRole('button', { name: `Approve ${SAMPLE.solutionSearch}` }).click();
    await expect(page.getByTestId('graph-queue-item')).toHaveCount(2);
    // Review figures count what the queue lists (problems, challenges, solutions): the approved paper is not one.
    await expect(page.getByTestId('graph-review-approved')).toContainText('4');
    await expect(page.getByTestId('graph-node-detail').getByTestId('review-state')).toHaveCount(0);

    await page.getByTestId('graph-edit').click();
    const text = 'Breadth-first search over partial solutions, pruning weak branches.';
    await page.getByTestId('graph-edit-description').fill(text);
    await page.getByTestId('graph-edit-save').click();
    await expect(page.getByTestId('graph-node-description')).toHaveText(text);
    await expect(page.getByTestId('graph-audit')).toContainText('description changed');
    await expect(page.getByTestId('graph-audit')).toContainText('review: proposed → approved');

    // The picture is a way around too: open the problem from it, and see its parent above it.
    await page.getByTestId('graph-subgraph-node').filter({ hasText: 'Multi-step' }).click();
    await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.problem);
    await expect(page.getByTestId('graph-subgraph-node')).toHaveCount(6);
    await expect(page.getByTestId('graph-parents')).toContainText(SAMPLE.parent);
    await captureScreenshot(page, 'graph-section', testInfo);

    const stored = await withStore(app.dataDir, (store) =>
      store.getNodeByName('Solution', SAMPLE.solutionSearch),
    );
    expect(stored).toMatchObject({ review: 'approved', description: text, version: 3 });
  });

  test('an edit made elsewhere meanwhile is refused with a conflict, shown beside mine', async ({
    page,
    app,
  }) => {
    await searchGraph(page, SAMPLE.problem);
    await page.getByTestId('graph-result').filter({ hasText: SAMPLE.problem }).first().click();
    await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.problem);
    await page.getByTestId('graph-edit').click();

    // A lab member changes the same node from another process while the form is open.
    await withStore(app.dataDir, async (store) => {
      const node = await store.getNodeByName('Problem', SAMPLE.problem);
      if (!node) throw new Error('seeded problem missing');
      await store.updateNode(
        { id: node.id, expectedVersion: node.version, patch: { description: 'Their wording.' } },
        { actor: 'Grace Hopper' },
      );
    });

    await page.getByTestId('graph-edit-description').fill('My wording.');
    await page.getByTestId('graph-edit-save').click();
    // Another process's write raised no event here: the refused save is where the user learns of it.
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog.getByTestId('conflict-mine')).toHaveText('My wording.');
    await expect(dialog.getByTestId('conflict-theirs')).toHaveText('Their wording.');
    await expect(dialog).toContainText('Grace Hopper');
    await page.getByTestId('conflict-take-theirs').click();
    await expect(page.getByTestId('graph-node-description')).toHaveText('Their wording.');
    await expect(page.getByTestId('graph-audit')).toContainText('Grace Hopper');
  });

  test('the review queue rejects a selection in bulk', async ({ page, app }) => {
    await page.getByTestId('graph-tab-review').click();
    await expect(page.getByTestId('graph-queue-item')).toHaveCount(3);
    await page.getByTestId('graph-queue-all').check();
    await page.getByTestId('graph-queue-reject').click();
    await expect(page.getByTestId('graph-queue-empty')).toBeVisible();
    await expect(page.getByTestId('graph-review-rejected')).toContainText('3');
    const stats = await withStore(app.dataDir, (store) => store.stats());
    expect(stats.review).toEqual({ proposed: 0, approved: 4, rejected: 3 });
  });
});

test.describe('with no graph data', () => {
  // The seed graph would otherwise fill a fresh store on first run.
  test.use({ appEnv: { MOTIV_SEED: 'off' } });

  test('an empty graph says so and how to get data in', async ({ page }) => {
    const empty = page.getByTestId('graph-empty');
    for (const text of ['is empty', 'motiv import', 'motiv mine', 'motiv graph seed', 'graph.sqlite']) {
      await expect(empty).toContainText(text);
    }
  });
});
