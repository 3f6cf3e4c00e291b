import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { SAMPLE, seedSampleGraph } from '../src-main/test-support/graph-sample.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';

test.use({ startSection: 'graph' });

/**
 * The review queue is for mined and curated graph knowledge: its tab count, the header's review figures and its
 * list must agree even when the ideator has written Idea and Topic nodes (still proposed) into the graph.
 */

const IDEA = 'Critique-shaped rewards for sparse tasks';
const TOPIC = 'Sample-efficient exploration';

test.describe('a graph holding ideas and topics from the ideator', () => {
  test.use({
    prepareDataDir: {
      run: async (dataDir) => {
        await seedSampleGraph(dataDir);
        const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
        try {
          const ctx = { actor: 'ideator' };
          const idea = await store.upsertNode(
            {
              kind: 'Idea',
              name: IDEA,
              description: 'Ask a critic for a critique of each trajectory and shape the reward with it.',
              origin: 'generated',
              props: { status: 'in_review' },
            },
            ctx,
          );
          const topic = await store.upsertNode({ kind: 'Topic', name: TOPIC, origin: 'curated' }, ctx);
          await store.addEdge(
            { type: 'CITES', from: idea.node.id, to: topic.node.id, origin: 'generated' },
            ctx,
          );
          const problem = await store.getNodeByName('Problem', SAMPLE.problem);
          if (!problem) throw new Error('seeded problem missing');
          await store.addEdge(
            { type: 'CITES', from: idea.node.id, to: problem.id, origin: 'generated' },
            ctx,
          );
        } finally {
          await store.close();
        }
      },
    },
  });

  test('the queue count, the header and the list agree; ideas are decided in Ideate', async ({
    page,
  }, testInfo) => {
    await expect(page.getByTestId('graph-count-Idea')).toContainText('1');
    await expect(page.getByTestId('graph-tab-review')).toHaveText('Review queue (3)');
    await expect(page.getByTestId('graph-review-proposed')).toContainText('3');
    await page.getByTestId('graph-tab-review').click();
    await expect(page.getByTestId('graph-queue-item')).toHaveCount(3);
    await expect(page.getByTestId('graph-review-queue')).not.toContainText(IDEA);
    await expect(page.getByTestId('graph-review-queue')).not.toContainText(TOPIC);

    // Deciding the whole queue empties both the list and the count.
    await page.getByTestId('graph-queue-all').check();
    await page.getByTestId('graph-queue-approve').click();
    await expect(page.getByTestId('graph-queue-empty')).toBeVisible();
    await expect(page.getByTestId('graph-tab-review')).toHaveText('Review queue (0)');
    await expect(page.getByTestId('graph-review-proposed')).toContainText('0');

    // The idea's node says who wrote it and where it is decided, and offers no graph review or edit.
    await page.getByTestId('graph-tab-search').click();
    await page.getByRole('checkbox', { name: 'Idea' }).check();
    await page.getByTestId('graph-search').fill('critique');
    await page.getByTestId('graph-search').press('Enter');
    await page.getByTestId('graph-result').filter({ hasText: IDEA }).click();
    await expect(page.getByTestId('graph-node-name')).toHaveText(IDEA);
    await expect(page.getByTestId('graph-node-detail')).toContainText('generated · version 1');
    await expect(page.getByTestId('graph-idea-mirror')).toContainText('Ideate');
    await expect(page.getByTestId('graph-node-detail').getByTestId('idea-status')).toHaveText('in review');
    await expect(page.getByTestId('graph-node-detail').getByTestId('review-state')).toHaveCount(0);
    await expect(page.getByTestId('graph-edit')).toHaveCount(0);
    await expect(page.getByTestId('graph-detail-approve')).toHaveCount(0);
    await captureScreenshot(page, 'graph-review-queue-idea', testInfo);
  });
});
