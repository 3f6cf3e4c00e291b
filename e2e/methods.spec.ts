import { captureScreenshot, expect, test } from './fixtures.ts';
import { chooseMethod } from './methods-steps.ts';

test.use({ startSection: 'methods' });

/**
 * The planning-methods atlas (issue 6) in a real Chromium: search, filter, compare, annotate, reload with the
 * network off, and "use as inspiration" (saved, then offered as the topic in the Ideate section).
 */

test('search, filter and open a method', async ({ page, section }) => {
  await expect(page.getByTestId('methods-page')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('methods-count')).toHaveText('183 of 183');

  await page.getByTestId('methods-search').fill('tree of thoughts');
  const first = page.getByTestId('method-row').first();
  await expect(first).toHaveAttribute('data-method-id', 'tree-of-thoughts-tot');

  await page.getByTestId('methods-search').fill('');
  await page.locator('[data-testid="taxon-node"][data-taxon-id="exploration-based-mcts-based"]').click();
  await expect(page.getByTestId('methods-count')).toHaveText('5 of 183');
  await page.getByTestId('facet-code').getByLabel('Has code').check();
  const withCode = await page.getByTestId('method-row').count();
  expect(withCode).toBeLessThanOrEqual(5);
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('methods-count')).toHaveText('183 of 183');

  await page.getByTestId('facet-year').getByLabel('unknown').check();
  await expect(page.getByTestId('methods-count')).toHaveText('7 of 183');
  await page.getByTestId('method-row').first().getByRole('button').click();
  await expect(page.getByTestId('detail-caveats')).toContainText('No link');

  // Filters and the open method survive a visit to another section.
  await section('settings');
  await section('methods');
  await expect(page.getByTestId('methods-count')).toHaveText('7 of 183');
  await expect(page.getByTestId('method-detail')).toBeVisible();
});

test('compare chosen methods and see the performance tables', async ({ page }, testInfo) => {
  await chooseMethod(page, 'llm+p', 'llm-p');
  await chooseMethod(page, 'knowagent', 'knowagent');
  await expect(page.getByTestId('chosen-count')).toHaveText('2 chosen');

  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
  await expect(page.getByTestId('compare-table')).toContainText('ALFWorld');

  await page.getByTestId('tab-performance').click();
  await expect(page.getByTestId('perf-row')).toHaveCount(25);
  await expect(page.getByTestId('perf-chart').locator('circle[data-testid="perf-point"]')).not.toHaveCount(0);
  await page.getByTestId('perf-sort').first().click();
  await expect(page.getByTestId('perf-row').first()).toContainText('UI-TARS');
  await page.getByTestId('perf-table-choice').nth(1).click();
  await expect(page.getByTestId('perf-row')).toHaveCount(16);
  await captureScreenshot(page, 'methods-performance', testInfo);

  await page.getByTestId('tab-benchmarks').click();
  await expect(page.getByTestId('benchmark-row')).toHaveCount(79);
  await page.locator('[data-benchmark-id="alfworld"] [data-testid="benchmark-methods"]').click();
  await expect(page.getByTestId('method-row')).toHaveCount(4);
});

test('annotations survive a reload with the network off', async ({ page, section }, testInfo) => {
  await page.getByTestId('methods-search').fill('llm+p');
  await page.locator('[data-method-id="llm-p"]').getByRole('button').first().click();
  await page.getByTestId('star-toggle').click();
  await expect(page.getByTestId('star-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('tag-input').fill('pddl-baseline');
  await page.getByTestId('tag-add').click();
  await page.getByTestId('note-input').fill('Try with our solver');
  await page.getByTestId('save-notes').click();
  await expect(page.getByTestId('notes-saved')).toBeVisible();
  // A real link to a Solution node of the (seed) graph, found through graph search.
  await page.getByTestId('solution-search-input').fill('memory manager abstraction hierarchies');
  await page.getByTestId('solution-search').click();
  const candidate = page
    .getByTestId('solution-candidate')
    .filter({ hasText: 'Learned memory manager organising experience into abstraction hierarchies' });
  await candidate.getByTestId('solution-candidate-link').click();
  await expect(candidate.getByTestId('solution-candidate-link')).toHaveText('Linked');
  await expect(page.getByTestId('solution-link')).toHaveCount(1);
  await captureScreenshot(page, 'methods-annotated', testInfo);

  await page.reload();
  await page.context().setOffline(true);
  await section('methods');
  await expect(page.getByTestId('methods-page')).toHaveAttribute('data-status', 'ready');
  // Everything shown comes from IndexedDB: no core, no network.
  await expect(page.getByTestId('methods-error')).toHaveCount(0);
  await expect(page.getByTestId('methods-notice')).toHaveCount(0);
  await page.getByTestId('facet-starred').check();
  await expect(page.getByTestId('method-row')).toHaveCount(1);
  await page.getByTestId('method-row').getByRole('button').click();
  await expect(page.getByTestId('tag-list')).toContainText('pddl-baseline');
  await expect(page.getByTestId('note-input')).toHaveValue('Try with our solver');
  await expect(page.getByTestId('solution-link')).toHaveText(
    /Learned memory manager organising experience into abstraction hierarchies/,
  );
  await page.context().setOffline(false);

  // The link opens the node in the Graph section.
  await page.getByTestId('solution-link-open').click();
  await expect(page.getByTestId('section-graph')).toBeVisible();
  await expect(page.getByTestId('graph-node-name')).toHaveText(
    'Learned memory manager organising experience into abstraction hierarchies',
  );
});

test('add a user method and use chosen methods as inspiration', async ({ page, section }) => {
  await page.getByTestId('add-method-button').click();
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('add-errors')).toContainText('Name is required');
  await page.getByTestId('add-name').fill('Lab planner');
  await page.getByTestId('add-description').fill('Our own planner, missing from the survey');
  await page.getByTestId('add-category').selectOption('searching-based');
  await page.getByTestId('add-subcategory').selectOption('exploration-based');
  await page.getByTestId('add-year').fill('2026');
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('method-detail')).toContainText('Lab planner');
  await expect(page.getByTestId('user-added-badge')).toBeVisible();
  await expect(page.getByTestId('methods-count')).toHaveText('184 of 184');

  await page.getByTestId('detail-choose').click();
  await chooseMethod(page, 'tree of thoughts', 'tree-of-thoughts-tot');
  await page.getByTestId('inspire-button').click();
  await expect(page.getByTestId('methods-notice')).toContainText(
    'Saved: open Ideate to start a session inspired by these methods',
  );

  // The Ideate form offers the selection as its topic, and says where it came from.
  await section('ideate');
  await expect(page.getByTestId('ideate-inspiration')).toContainText('Lab planner');
  await page.getByTestId('ideate-use-inspiration').click();
  await expect(page.getByTestId('ideate-topic')).toHaveValue(/Lab planner/);
  await expect(page.getByTestId('ideate-inspiration')).toContainText(
    'Topic prefilled from your Methods selection',
  );
});
