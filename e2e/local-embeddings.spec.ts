import { repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';
import { searchGraph } from './app-page.ts';

/**
 * Issue 12's done-when in the Graph section: a fresh install (the seed graph loaded on first run, with its
 * shipped all-MiniLM-L6-v2 vectors) and no embeddings endpoint; vector and hybrid search find the overthinking
 * challenge for a query that shares only "long" with it.
 */
const QUERY = 'making reasoning models stop thinking so long';
const OVERTHINKING = 'Overthinking with redundant steps in long reasoning chains';

test.describe('local embeddings on a fresh install, no endpoint', () => {
  test.use({ appEnv: { MOTIV_MODELS_DIR: repoModelsDir() } });

  test('vector and hybrid modes of the Graph section rank the overthinking challenge', async ({
    page,
    section,
  }, testInfo) => {
    test.setTimeout(120_000);
    await section('graph');
    await expect(page.getByTestId('section-graph')).toContainText('local:all-MiniLM-L6-v2-q');

    await page.getByTestId('graph-search-mode').selectOption('vector');
    await searchGraph(page, QUERY);
    await expect(page.getByTestId('graph-result').filter({ hasText: OVERTHINKING })).toBeVisible();
    await expect(page.getByTestId('graph-search-note')).toHaveCount(0);

    await page.getByTestId('graph-search-mode').selectOption('hybrid');
    await expect(page.getByTestId('graph-result').filter({ hasText: OVERTHINKING })).toBeVisible();
    await expect(page.getByTestId('graph-search-note')).toHaveCount(0);
    await captureScreenshot(page, 'local-embeddings-hybrid', testInfo);
  });
});
