import type { Page } from '@playwright/test';
import { SAMPLE } from '../src-main/test-support/graph-sample.ts';
import { expect, test, type AppHandle } from './fixtures.ts';
import { EXPLORER_SPEC_OPTIONS, shootPart } from './graph-explorer-seed.ts';

/**
 * Path ends found by typing (a combobox over graph.search, every kind), swapped, "no path within N hops" said
 * plainly; and the explorer when the graph stops answering: the last picture and list stay readable, and it says
 * so. Screenshots in light and dark.
 */

test.use(EXPLORER_SPEC_OPTIONS);

test('both path ends picked by search with the keyboard, swapped, no path within N hops, then the path', async ({
  page,
}, testInfo) => {
  // Nothing is loaded in the explorer: the path finder works from names alone.
  const from = page.getByTestId('path-from-query');
  await from.focus();
  await page.keyboard.type('intermediate thoughts');
  await expect(from).toHaveAttribute('role', 'combobox');
  await expect(from).toHaveAttribute('aria-expanded', 'true');
  const fromOptions = page.getByTestId('path-from-option');
  await expect(fromOptions.first()).toContainText(SAMPLE.solutionSearch);
  // The first suggestion is active; the box keeps the focus and points at it.
  const firstId = await fromOptions.first().getAttribute('id');
  await expect(from).toHaveAttribute('aria-activedescendant', firstId ?? '');
  await expect(fromOptions.first()).toHaveAttribute('aria-selected', 'true');
  await shootPart(page, 'explorer', 'path-suggestions', testInfo, ['light', 'dark']);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('path-from')).toHaveText(`Solution: ${SAMPLE.solutionSearch}`);
  await expect(from).toHaveValue(SAMPLE.solutionSearch);
  await expect(from).toHaveAttribute('aria-expanded', 'false');

  // Tab to the other end (past the swap button); ↓ moves through the suggestions, Escape closes them only.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('path-swap')).toBeFocused();
  await page.keyboard.press('Tab');
  const to = page.getByTestId('path-to-query');
  await expect(to).toBeFocused();
  await page.keyboard.type('zzqx nothing like it');
  await expect(page.getByTestId('path-to-none')).toHaveText('No node matches “zzqx nothing like it”.');
  // A hostile query (search syntax, quotes, markup) is words to look for, not an error; the box caps its length.
  await to.fill('"reasoning* OR (<img src=x onerror=alert(1)>) NEAR/2 \'; DROP');
  await expect(page.getByTestId('path-to-option').filter({ hasText: SAMPLE.parent })).toHaveCount(1);
  await expect(page.getByTestId('explorer').getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('explorer').locator('img')).toHaveCount(0);
  await expect(to).toHaveAttribute('maxlength', '300');
  await to.fill('');
  await page.keyboard.type('reasoning');
  const toOptions = page.getByTestId('path-to-option');
  await expect(toOptions.filter({ hasText: SAMPLE.parent })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(to).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('explorer')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(to).toHaveAttribute('aria-expanded', 'true');
  const names = await toOptions.allTextContents();
  const parentAt = names.findIndex((n) => n.includes(SAMPLE.parent));
  for (let i = 0; i < parentAt; i++) await page.keyboard.press('ArrowDown');
  await expect(toOptions.nth(parentAt)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('path-to')).toHaveText(`Problem: ${SAMPLE.parent}`);

  // Swap, and back.
  await page.getByTestId('path-swap').click();
  await expect(page.getByTestId('path-from')).toContainText(SAMPLE.parent);
  await expect(page.getByTestId('path-to')).toContainText(SAMPLE.solutionSearch);
  await expect(page.getByTestId('path-from-query')).toHaveValue(SAMPLE.parent);
  await page.getByTestId('path-swap').click();
  await expect(page.getByTestId('path-from')).toContainText(SAMPLE.solutionSearch);

  await page.getByTestId('path-hops').selectOption('2');
  await page.getByTestId('path-find').click();
  const result = page.getByTestId('path-result');
  await expect(result).toHaveText(
    `No path within 2 hops from “${SAMPLE.solutionSearch}” to “${SAMPLE.parent}”. Allow more hops, or pick other ends.`,
  );
  await expect(result).toHaveClass(/missing/);
  await shootPart(page, 'explorer', 'path-none', testInfo, ['light', 'dark']);

  // Enter in an end's box (no suggestion open) finds the path.
  await page.getByTestId('path-hops').selectOption('4');
  await to.focus();
  await page.keyboard.press('Enter');
  await expect(result).toHaveText(
    `3 hops: ${SAMPLE.solutionSearch} — ${SAMPLE.challengeRevisit} — ${SAMPLE.problem} — ${SAMPLE.parent}`,
  );
  await expect(result).not.toHaveClass(/missing/);
  await expect(page.getByTestId('explorer-source')).toContainText(
    `The path from “${SAMPLE.solutionSearch}” to “${SAMPLE.parent}”: 4 nodes loaded`,
  );
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', '4');
  await shootPart(page, 'explorer', 'path-found', testInfo, ['light', 'dark']);
});

async function updateSettings(page: Page, app: AppHandle, patch: unknown): Promise<void> {
  const reply = await page.request.post(`${app.origin ?? ''}/api/invoke/settings.update`, {
    headers: { 'x-motiv-token': app.token ?? '' },
    data: patch,
  });
  expect(reply.status()).toBe(200);
}

test('the graph stops answering: the last picture and list stay readable and the explorer says so', async ({
  page,
  app,
}, testInfo) => {
  test.skip(app.kind !== 'browser', 'settings are changed through the browser-mode API');
  await page.getByTestId('explorer-overview').click();
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', '8');
  await expect(page.getByTestId('explorer-stale')).toHaveCount(0);

  // The lab's Neo4j on a closed port: nothing listens, as when the lab server is down.
  await updateSettings(page, app, { neo4j: { uri: 'bolt://127.0.0.1:1' } });
  await expect(page.getByTestId('lab-banner-down')).toBeVisible();
  await expect(page.getByTestId('explorer-stale')).toContainText('The graph cannot be reached');
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', '8');

  // A new read fails and says why; what was loaded stays, in the picture and in the list.
  await page.getByTestId('explorer-overview').click();
  await expect(page.getByTestId('explorer-error')).toContainText(/unreachable/i);
  await expect(page.getByTestId('explorer-source')).toContainText(
    'Overview: the 8 best-connected of 8 nodes',
  );
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', '8');
  await page.getByTestId('explorer-view-list').click();
  const rows = page.getByTestId('explorer-row');
  await expect(rows).toHaveCount(8);
  await rows.first().focus();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await shootPart(page, 'explorer', 'explorer-unreachable', testInfo, ['light', 'dark']);

  // Back on this computer's graph: the notice goes, reads work again.
  await updateSettings(page, app, { neo4j: { uri: null } });
  await expect(page.getByTestId('explorer-stale')).toHaveCount(0);
  await page.getByTestId('explorer-overview').click();
  await expect(page.getByTestId('explorer-error')).toHaveCount(0);
  await expect(rows).toHaveCount(8);
});

test('the picture by keyboard: Tab to it, pan, zoom, show all, expand; the keys are in Help', async ({
  page,
}) => {
  await page.getByTestId('graph-search').fill('intermediate thoughts');
  await page.getByTestId('graph-search').press('Enter');
  await page.getByTestId('graph-result').filter({ hasText: SAMPLE.solutionSearch }).click();
  await page.getByTestId('explorer-open-selected').focus();
  await page.keyboard.press('Enter');
  const canvas = page.getByTestId('explorer-canvas');
  await expect(canvas).toHaveAttribute('data-rendered-nodes', '3');

  // Focus order: the path finder's last control, then the picture; its focus ring shows.
  await page.getByTestId('path-hops').focus();
  await page.keyboard.press('Tab');
  await expect(canvas).toBeFocused();
  await expect(canvas).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('+');
  await expect(canvas).toHaveAttribute('data-camera', /^0\.500 0\.500 0\.667$/);
  await page.keyboard.press('ArrowRight');
  await expect(canvas).toHaveAttribute('data-camera', /^0\.567 0\.500 0\.667$/);
  await page.keyboard.press('ArrowUp');
  await expect(canvas).toHaveAttribute('data-camera', /^0\.567 0\.567 0\.667$/);
  await page.keyboard.press('0');
  await expect(canvas).toHaveAttribute('data-camera', '0.500 0.500 1.000');
  // Select the challenge in the list (Space), back to the picture, which shows the same selection; E expands it
  // there and its problem joins.
  await page.getByTestId('explorer-view-list').press('Enter');
  await page.getByTestId('explorer-row').first().focus();
  await expect(page.getByTestId('explorer-row').first()).toContainText(SAMPLE.challengeRevisit);
  await page.keyboard.press(' ');
  const challengeId = await page.getByTestId('explorer-row').first().getAttribute('data-node-id');
  await page.getByTestId('explorer-view-picture').press('Enter');
  await expect(canvas).toHaveAttribute('data-selected', challengeId ?? '-');
  await page.getByTestId('path-hops').focus();
  await page.keyboard.press('Tab');
  await expect(canvas).toBeFocused();
  await page.keyboard.press('e');
  await expect(canvas).toHaveAttribute('data-rendered-nodes', '4');

  await page.getByTestId('nav-help').click();
  await page.getByTestId('help-tab-shortcuts').click();
  const table = page.getByTestId('help-shortcuts');
  await expect(table).toContainText('Graph → Explore, list view');
  await expect(table).toContainText('Graph → Explore, picture');
  await expect(table).toContainText('From / To box');
});
