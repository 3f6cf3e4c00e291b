import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { embedGraph } from '../src-main/embeddings/embed-graph.ts';
import { loadLocalMinilm } from '../src-main/embeddings/local-minilm.ts';
import { fetchMinilm, repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { loadSeedGraph } from '../src-main/graph/seed/load-seed.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';

/**
 * Issue 12's done-when in the Graph section: the seed graph with local all-MiniLM-L6-v2 vectors and no
 * embeddings endpoint configured; vector and hybrid search find the overthinking nodes for a query that shares
 * no word with them but "long".
 */
const QUERY = 'making reasoning models stop thinking so long';
const OVERTHINKING = 'Overthinking with redundant steps in long reasoning chains';

test.describe('local embeddings, no endpoint', () => {
  test.use({
    appEnv: { MOTIV_MODELS_DIR: repoModelsDir() },
    prepareDataDir: {
      run: async (dataDir) => {
        await fetchMinilm(repoModelsDir());
        const embedder = await loadLocalMinilm(repoModelsDir());
        const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
        try {
          await loadSeedGraph(store);
          await embedGraph(store, embedder, { actor: 'e2e seed' });
        } finally {
          await store.close();
          await embedder.dispose();
        }
      },
    },
  });

  test('vector and hybrid modes of the Graph section rank the overthinking challenge', async ({
    page,
    section,
  }, testInfo) => {
    test.setTimeout(180_000);
    await section('graph');
    await expect(page.getByTestId('section-graph')).toContainText('local:all-MiniLM-L6-v2-q');

    await page.getByTestId('graph-search-mode').selectOption('vector');
    await page.getByTestId('graph-search').fill(QUERY);
    await page.getByTestId('graph-search').press('Enter');
    await expect(page.getByTestId('graph-result').filter({ hasText: OVERTHINKING })).toBeVisible();
    await expect(page.getByTestId('graph-search-note')).toHaveCount(0);

    await page.getByTestId('graph-search-mode').selectOption('hybrid');
    await expect(page.getByTestId('graph-result').filter({ hasText: OVERTHINKING })).toBeVisible();
    await expect(page.getByTestId('graph-search-note')).toHaveCount(0);
    await captureScreenshot(page, 'local-embeddings-hybrid', testInfo);
  });
});
