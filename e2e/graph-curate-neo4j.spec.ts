import { snapshot } from '../src-main/graph/test-support/store-contract/helpers.ts';
import { seedEmbeddedGraph, wideGraphBatch } from '../src-main/test-support/graph-sample.ts';
import { describeCurationFlows } from './graph-curate-flows.ts';
import { captureScreenshot, expect, readLabGraph, test } from './graph-store-fixture.ts';

/**
 * The Neo4j lane: the app in browser mode on the project's real Neo4j 5.26 (started once for this worker, wiped
 * and seeded per test by graph-store-fixture.ts). The same curation flows as on the embedded store, then the push
 * of this computer's graph with progress and Cancel.
 */
test.use({ graphStore: 'neo4j' });

describeCurationFlows('neo4j');

// Enough rows (20,000 nodes, 10,000 edges: 60 steps of 500) that the push is still running when Cancel is clicked.
const PAIRS = 10_000;

test.describe('push this computer’s graph to the lab (neo4j)', () => {
  test.use({
    prepareDataDir: {
      run: (dataDir) => seedEmbeddedGraph(dataDir, wideGraphBatch(PAIRS)).then(() => undefined),
    },
    labSeed: 'sample',
  });
  test.skip(({ app }) => app.kind !== 'browser', 'browser mode (Chromium) runs these flows');

  test('progress with Cancel leaves the lab graph as it was; a full push then shows the nodes', async ({
    page,
    app,
    labGraph,
  }, testInfo) => {
    test.setTimeout(120_000);
    const before = await readLabGraph(labGraph, snapshot);
    await page.goto(app.origin ?? '');
    await page.getByTestId('nav-graph').click();
    await expect(page.getByTestId('lab-banner-store')).toContainText('Neo4j');
    await page.getByTestId('graph-push').click();
    await page.getByTestId('graph-push-replace').check();
    await page.getByTestId('graph-push-save').click();

    const progress = page.getByTestId('graph-push-progress');
    await expect(page.getByTestId('graph-push-progress-text')).toContainText(
      /Written [\d,]+ of 20,000 nodes/,
    );
    await expect(page.getByTestId('graph-push-save')).toBeDisabled();
    await captureScreenshot(page, 'graph-push-progress', testInfo);
    await progress.getByTestId('graph-push-cancel').click();
    await expect(page.getByTestId('graph-push-outcome')).toHaveText(
      'The push was cancelled; the lab graph is unchanged',
    );
    await expect(progress).toHaveCount(0);
    await captureScreenshot(page, 'graph-push-cancelled', testInfo);
    expect(await readLabGraph(labGraph, snapshot)).toEqual(before);

    await page.getByTestId('graph-push-save').click();
    await expect(page.getByTestId('graph-push-outcome')).toHaveText(
      'Pushed 20,000 nodes and 10,000 edges from this computer to the lab graph.',
      { timeout: 60_000 },
    );
    await captureScreenshot(page, 'graph-push-done', testInfo);
    const stats = await readLabGraph(labGraph, (store) => store.stats());
    expect(stats.nodes).toMatchObject({ Problem: PAIRS, Challenge: PAIRS });
    // The Graph section now shows the lab graph it was pushed into.
    await page.getByTestId('graph-search').fill('"Wide problem 9999"');
    await page.getByTestId('graph-search').press('Enter');
    await expect(page.getByTestId('graph-results')).toContainText('Wide problem 9999');
  });
});
