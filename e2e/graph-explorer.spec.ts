import { SAMPLE } from '../src-main/test-support/graph-sample.ts';
import { expect, test } from './fixtures.ts';
import { EXPLORER_SPEC_OPTIONS, GAP_CHALLENGE, shootPart } from './graph-explorer-seed.ts';

test.use(EXPLORER_SPEC_OPTIONS);

test('search, open the explorer on a node, expand it by keyboard and filter by kind', async ({
  page,
}, testInfo) => {
  await page.getByTestId('graph-search').fill('intermediate thoughts');
  await page.getByTestId('graph-search').press('Enter');
  await page.getByTestId('graph-result').filter({ hasText: SAMPLE.solutionSearch }).click();
  await expect(page.getByTestId('graph-node-name')).toHaveText(SAMPLE.solutionSearch);

  await page.getByTestId('explorer-open-selected').click();
  await expect(page.getByTestId('explorer-source')).toContainText(
    `Around “${SAMPLE.solutionSearch}”: 3 nodes`,
  );
  // WebGL (SwiftShader in headless Chromium) drew the three nodes.
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', '3');
  await shootPart(page, 'explorer', 'explorer-around-node', testInfo);

  await page.getByTestId('explorer-view-list').click();
  const rows = page.getByTestId('explorer-row');
  await expect(rows).toHaveCount(3);
  // Keyboard (rows in reading order P → C → S → papers): arrows move, Enter selects, E expands (the problem joins).
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toContainText(SAMPLE.solutionSearch);
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
  await expect(rows.first()).toContainText(SAMPLE.challengeRevisit);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('explorer-selected')).toContainText(SAMPLE.challengeRevisit);
  await page.keyboard.press('e');
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('explorer-list')).toContainText(SAMPLE.problem);

  // The legend is the kind filter: without papers, one row fewer.
  await page.getByTestId('explorer-kind-Paper').uncheck();
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('explorer-list')).not.toContainText(SAMPLE.paper);
  await page.getByTestId('explorer-kind-Paper').check();

  // Expand from the picture's side too: the button on a row.
  await rows.filter({ hasText: SAMPLE.problem }).getByTestId('explorer-row-expand').click();
  await expect(rows).toHaveCount(7);

  // "Ideate on this node" opens Ideate with the start form filled in, and runs nothing.
  await expect(page.getByTestId('explorer-selected')).toContainText(SAMPLE.problem);
  await page.getByTestId('explorer-ideate-node').click();
  await expect(page.getByTestId('ideate-topic')).toHaveValue(
    `Find new research ideas for the problem “${SAMPLE.problem}”.`,
  );
  await expect(page.getByTestId('ideate-draft-note')).toContainText(`the problem “${SAMPLE.problem}”`);
});

test('the overview, a path between two solutions and the white-space map', async ({ page }, testInfo) => {
  await page.getByTestId('explorer-overview').click();
  await expect(page.getByTestId('explorer-source')).toContainText(
    'Overview: the 8 best-connected of 8 nodes',
  );
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', '8');
  await shootPart(page, 'explorer', 'explorer-overview', testInfo);

  // Pick the ends from the selection (the list view selects by click or keyboard).
  await page.getByTestId('explorer-view-list').click();
  await page.getByTestId('explorer-row').filter({ hasText: SAMPLE.solutionSearch }).click();
  await page.getByTestId('path-set-from').click();
  await page.getByTestId('explorer-row').filter({ hasText: SAMPLE.parent }).click();
  await page.getByTestId('path-set-to').click();
  await expect(page.getByTestId('path-to')).toContainText(SAMPLE.parent);
  await page.getByTestId('path-hops').selectOption('2');
  await page.getByTestId('path-find').click();
  await expect(page.getByTestId('path-result')).toHaveText(
    `No path within 2 hops from “${SAMPLE.solutionSearch}” to “${SAMPLE.parent}”. Allow more hops, or pick other ends.`,
  );
  await page.getByTestId('path-hops').selectOption('4');
  await page.getByTestId('path-find').click();
  // solution ← challenge ← problem ← parent
  await expect(page.getByTestId('explorer-row').filter({ hasText: SAMPLE.problem })).toHaveClass(/path/);
  await page.getByTestId('explorer-view-picture').click();
  // Two shortest paths exist (through the challenge, or through the paper both were extracted from); the stores
  // may pick either (graph/README.md, "Explorer reads"): this spec also runs on Neo4j (playwright.config.ts).
  const via = (middle: string): string =>
    `3 hops: ${SAMPLE.solutionSearch} — ${middle} — ${SAMPLE.problem} — ${SAMPLE.parent}`;
  await expect(page.getByTestId('path-result')).toContainText('3 hops: ');
  expect([via(SAMPLE.challengeRevisit), via(SAMPLE.paper)]).toContain(
    await page.getByTestId('path-result').textContent(),
  );
  await shootPart(page, 'explorer', 'explorer-path', testInfo);

  await page.getByTestId('whitespace-load').click();
  const gaps = page.getByTestId('whitespace-challenge');
  await expect(gaps).toHaveCount(3);
  await expect(gaps.first()).toContainText(GAP_CHALLENGE);
  await expect(gaps.first()).toContainText('0 solutions · 1 problems · 0 ideas · 1 papers');
  await expect(page.getByTestId('whitespace-problems')).toHaveCount(0);
  await expect(page.getByTestId('whitespace-transfer')).toHaveCount(2);
  await shootPart(page, 'whitespace-panel', 'explorer-whitespace', testInfo);

  await gaps.first().getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('explorer-source')).toContainText(`Around “${GAP_CHALLENGE}”`);
});
