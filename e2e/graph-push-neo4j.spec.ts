import { snapshot } from '../src-main/graph/test-support/store-contract/helpers.ts';
import { seedEmbeddedGraph, wideGraphBatch } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, readLabGraph, test } from './fixtures.ts';

/**
 * Push this computer's graph to the lab, in the `neo4j` project only (playwright.config.ts): the app on the real
 * Neo4j, its embedded file holding a graph large enough that the push is still running when Cancel is clicked.
 */

// 4,000 nodes and 2,000 edges: 12 progress steps of 500 rows (each several hundred ms on the shared machine).
const PAIRS = 2_000;
const LAB_ONLY = 'A problem only the lab graph has';

test.use({
  prepareDataDir: {
    run: (dataDir) => seedEmbeddedGraph(dataDir, wideGraphBatch(PAIRS)).then(() => undefined),
  },
});
test.skip(({ app }) => app.kind !== 'browser', 'browser mode (Chromium) runs these flows');

test('push with progress: Cancel leaves the lab graph as it was; a full push then shows the nodes', async ({
  page,
  app,
  labGraph,
}, testInfo) => {
  test.setTimeout(180_000);
  // The lab graph starts as a copy of this computer's (neo4j-lab.ts) plus one node of its own.
  await readLabGraph(labGraph, (store) =>
    store.upsertNode({ kind: 'Problem', name: LAB_ONLY, origin: 'curated' }, { actor: 'lab member' }),
  );
  const before = await readLabGraph(labGraph, snapshot);
  await page.goto(app.origin ?? '');
  await page.getByTestId('nav-graph').click();
  await expect(page.getByTestId('lab-banner-store')).toContainText('Neo4j');
  await page.getByTestId('graph-push').click();
  await page.getByTestId('graph-push-replace').check();
  await page.getByTestId('graph-push-save').click();

  const progress = page.getByTestId('graph-push-progress');
  await expect(page.getByTestId('graph-push-progress-text')).toContainText(/Written [\d,]+ of 4,000 nodes/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('graph-push-save')).toBeDisabled();
  await page
    .getByTestId('graph-push-form')
    .screenshot({ path: testInfo.outputPath('graph-push-progress.png') });
  await progress.getByTestId('graph-push-cancel').click();
  await expect(page.getByTestId('graph-push-outcome')).toHaveText(
    'The push was cancelled; the lab graph is unchanged',
    { timeout: 30_000 },
  );
  await expect(progress).toHaveCount(0);
  await captureScreenshot(page, 'graph-push-cancelled', testInfo);
  expect(await readLabGraph(labGraph, snapshot)).toEqual(before);

  await page.getByTestId('graph-push-save').click();
  await expect(page.getByTestId('graph-push-outcome')).toHaveText(
    'Pushed 4,000 nodes and 2,000 edges from this computer to the lab graph.',
    { timeout: 90_000 },
  );
  await captureScreenshot(page, 'graph-push-done', testInfo);
  const after = await readLabGraph(labGraph, async (store) => ({
    stats: await store.stats(),
    labOnly: await store.getNodeByName('Problem', LAB_ONLY),
  }));
  expect(after.stats.nodes).toMatchObject({ Problem: PAIRS, Challenge: PAIRS });
  expect(after.labOnly).toBeNull();
  // The Graph section shows the lab graph it was pushed into.
  await page.getByTestId('graph-search').fill('"Wide problem 1999"');
  await page.getByTestId('graph-search').press('Enter');
  await expect(page.getByTestId('graph-results')).toContainText('Wide problem 1999');
});
