import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedGraphPath } from '../src-main/core/graph-store-factory.ts';
import { repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { EmbeddedGraphStore } from '../src-main/graph/embedded/embedded-store.ts';
import { loadSeedGraph } from '../src-main/graph/seed/load-seed.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';
import { searchGraph } from './app-page.ts';

/**
 * The Graph section's embeddings panel on the seed graph written without its vectors (a graph from before local
 * embeddings, or another model's): the search panel says why vector and hybrid search cannot cover it and points
 * at the panel, whose job (the real MiniLM files from .cache/models) runs with progress, is cancelled, resumes,
 * and completes; vector search then finds the overthinking challenge.
 */

const OVERTHINKING = 'Overthinking with redundant steps in long reasoning chains';

test.describe('a fresh install without the model files', () => {
  // The seed arrives with its shipped vectors, but a query cannot be embedded without the model.
  test.use({ appEnv: { MOTIV_MODELS_DIR: mkdtempSync(join(tmpdir(), 'motiv-e2e-no-models-')) } });

  test('the panel says where the files go and offers to get them; hybrid search says why it is lexical', async ({
    page,
    section,
  }, testInfo) => {
    await section('graph');
    await expect(page.getByTestId('graph-embed-panel')).toHaveAttribute('open', '');
    await expect(page.getByTestId('graph-embed-model')).toContainText('not installed yet');
    await expect(page.getByTestId('graph-embed-model')).toContainText('npm run models:fetch');
    await expect(page.getByTestId('graph-embed-run')).toHaveText('Get the model files');
    await searchGraph(page, 'making reasoning models stop thinking so long');
    await expect(page.getByTestId('graph-search-gap')).toContainText('model is not installed');
    await page.getByTestId('graph-search-mode').selectOption('lexical');
    await expect(page.getByTestId('graph-search-gap')).toHaveCount(0);
    await captureScreenshot(page, 'graph-embed-panel-no-model', testInfo);
  });
});

test.describe('the seed graph written without its vectors', () => {
  test.use({
    appEnv: { MOTIV_MODELS_DIR: repoModelsDir() },
    prepareDataDir: {
      run: async (dataDir) => {
        const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
        try {
          await loadSeedGraph(store);
        } finally {
          await store.close();
        }
      },
    },
  });

  test('the embed job runs from the Graph section: progress, cancel, resume, done; vector search then works', async ({
    page,
    section,
  }, testInfo) => {
    test.setTimeout(180_000);
    await section('graph');
    const panel = page.getByTestId('graph-embed-panel');
    await expect(page.getByTestId('graph-embed-summary')).toHaveText(
      /^0 of (\d{3}) nodes have a local:all-MiniLM-L6-v2-q vector$/,
    );
    const total = Number(
      /of (\d+)/.exec((await page.getByTestId('graph-embed-summary').textContent()) ?? '')?.[1],
    );
    await expect(page.getByTestId('graph-embed-model')).toContainText('Model files installed in');

    // Hybrid (the default mode) says why it cannot rank by meaning, and points at the panel.
    await searchGraph(page, 'making reasoning models stop thinking so long');
    await expect(page.getByTestId('graph-search-gap')).toContainText('no node has a vector yet');
    await expect(page.getByTestId('graph-search-note')).toContainText('Lexical results only');
    await panel.evaluate((el) => el.removeAttribute('open'));
    await page.getByTestId('graph-search-embed').click();
    await expect(panel).toHaveAttribute('open', '');
    const run = page.getByTestId('graph-embed-run');
    await expect(run).toBeFocused();
    await expect(run).toHaveText(`Embed ${total} nodes`);
    await captureScreenshot(page, 'graph-embed-panel-before', testInfo);

    await run.click();
    await expect(page.getByTestId('graph-embed-progress')).toContainText(/Embedding \d+ of \d+ nodes/);
    await page.getByTestId('graph-embed-cancel').click();
    await expect(page.getByTestId('graph-embed-result')).toContainText(/Cancelled after \d+ of \d+\s+nodes/);
    const resume = page.getByTestId('graph-embed-run');
    await expect(resume).toHaveText(/^Resume \d+ nodes$/);
    const left = Number(/(\d+)/.exec((await resume.textContent()) ?? '')?.[1]);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(total);

    await resume.click();
    await expect(page.getByTestId('graph-embed-done')).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId('graph-embed-result')).toHaveText(`Embedded ${left} nodes.`);
    await expect(page.getByTestId('graph-embed-summary')).toHaveText(
      `${total} of ${total} nodes have a local:all-MiniLM-L6-v2-q vector`,
    );
    await expect(page.getByTestId('graph-stats')).toContainText(`local:all-MiniLM-L6-v2-q (${total})`);
    await expect(page.getByTestId('graph-search-gap')).toHaveCount(0);

    await page.getByTestId('graph-search-mode').selectOption('vector');
    await expect(page.getByTestId('graph-result').filter({ hasText: OVERTHINKING })).toBeVisible();
    await expect(page.getByTestId('graph-search-note')).toHaveCount(0);
    await captureScreenshot(page, 'graph-embed-panel-done', testInfo);
  });

  test('a second tab follows the job another tab started, offers no second start, and sees it finish', async ({
    page,
    app,
    section,
  }) => {
    test.skip(app.kind !== 'browser', 'two tabs of one app exist in browser mode');
    test.setTimeout(180_000);
    await section('graph');
    const tab2 = await page.context().newPage();
    await tab2.goto(`${app.origin}/#/graph`);
    await expect(tab2.getByTestId('graph-embed-run')).toHaveText(/^Embed \d+ nodes$/);

    await page.getByTestId('graph-embed-run').click();
    await expect(tab2.getByTestId('graph-embed-progress')).toBeVisible();
    await expect(tab2.getByTestId('graph-embed-run')).toHaveCount(0);
    await expect(tab2.getByTestId('graph-embed-done')).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId('graph-embed-done')).toBeVisible();
    await expect(tab2.getByTestId('graph-embed-summary')).toHaveText(/^(\d+) of \1 nodes have/);
    await tab2.close();
  });
});
