import { repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';

/**
 * Issue 15's atlas in the graph, in a real Chromium: the Methods section's "Map onto graph" panel previews the
 * method → challenge matches on the seed graph (local MiniLM, no endpoint), proposes them, links to the review
 * queue, and a method's detail names the challenges it is a candidate solution for.
 */
const SELP_CHALLENGE = 'Spatiotemporal relation errors in generated robot plans';

test.use({ startSection: 'methods', appEnv: { MOTIV_MODELS_DIR: repoModelsDir() } });

test('preview, propose and review the atlas methods as candidate solutions', async ({
  page,
  section,
}, testInfo) => {
  test.setTimeout(180_000);
  await expect(page.getByTestId('methods-page')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('tab-graph-map').click();
  await expect(page.getByTestId('atlas-map-apply')).toBeDisabled();

  await page.getByTestId('atlas-map-preview').click();
  const selp = page.locator('[data-testid="atlas-map-row"][data-method-id="selp"]');
  await expect(selp).toContainText(SELP_CHALLENGE, { timeout: 90_000 });
  await expect(selp).toContainText(/0\.\d\d/);
  await expect(page.getByTestId('atlas-map-summary')).toContainText('score ≥ 0.45');
  await captureScreenshot(page, 'atlas-map-preview', testInfo);

  await page.getByTestId('atlas-map-apply').click();
  await expect(page.getByTestId('atlas-map-written')).toContainText(/Proposed \d+ method node\(s\)/, {
    timeout: 90_000,
  });
  await expect(page.getByTestId('atlas-map-apply')).toBeDisabled();
  await expect(selp).toContainText('proposed (unreviewed)');
  await captureScreenshot(page, 'atlas-map-applied', testInfo);

  // "Review them" opens the Graph section's review queue with the proposals.
  await page.getByTestId('atlas-map-review-link').click();
  await expect(page.getByTestId('graph-tab-review')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('graph-queue-item').filter({ hasText: 'SELP' })).toBeVisible();
  await captureScreenshot(page, 'atlas-review-queue', testInfo);

  // The method's detail in Browse names its challenges, with links into the graph. Back in Methods, the search
  // still answers (its state outlives the first page it was made on).
  await section('methods');
  await page.getByTestId('tab-browse').click();
  await page.getByTestId('methods-search').fill('SELP');
  await expect(page.getByTestId('method-row').first()).toHaveAttribute('data-method-id', 'selp');
  await page.getByTestId('method-row').first().getByRole('button').click();
  await expect(page.getByTestId('method-graph-links')).toContainText('atlas method, unreviewed');
  await expect(page.getByTestId('method-graph-challenge')).toContainText([SELP_CHALLENGE]);
  await captureScreenshot(page, 'atlas-method-detail', testInfo);
});
