import type { Locator, Page } from '@playwright/test';
import { seedSyntheticGraph } from '../bench/lib/seed-synthetic.ts';
import { expect, test } from './fixtures.ts';
import { EXPLORER_SPEC_OPTIONS, shootPart } from './graph-explorer-seed.ts';

/**
 * The explorer's list as a keyboard and screen-reader user meets it, on a 5,000-node overview: a grid that says
 * its full size (aria-rowcount) while only the rows in view are in the DOM, arrow / page / Home / End keys, sortable
 * columns, Enter opens the node, and the selection shared with the picture.
 */

const OVERVIEW = 5_000;
/** The viewport shows ~16 rows of 32 px; with the margin on each side no more than this may be drawn. */
const MAX_DRAWN_ROWS = 60;

const focusedRow = (page: Page): Locator => page.locator('[data-testid="explorer-row"]:focus');

/** The row is scrolled into the list's own viewport (below its sticky header), wherever the page is scrolled. */
async function expectShownInList(page: Page, row: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const [box, list] = await Promise.all([
        row.boundingBox(),
        page.getByTestId('explorer-list').boundingBox(),
      ]);
      return (
        box !== null &&
        list !== null &&
        box.y >= list.y + box.height - 1 &&
        box.y + box.height <= list.y + list.height + 1
      );
    })
    .toBe(true);
}

test.use({
  ...EXPLORER_SPEC_OPTIONS,
  prepareDataDir: {
    run: (dataDir) =>
      seedSyntheticGraph(
        dataDir,
        15_150,
        { problems: 1_200, challenges: 2_400, solutions: 1_800, parents: 200, dimension: 8 },
        'e2e',
      ).then(() => undefined),
  },
});

test('a 5,000-node list: virtualized grid, keyboard, sorting, Enter opens, selection shared with the picture', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.getByTestId('explorer-overview-size').selectOption(String(OVERVIEW));
  await page.getByTestId('explorer-overview').click();
  await expect(page.getByTestId('explorer-canvas')).toHaveAttribute('data-rendered-nodes', String(OVERVIEW), {
    timeout: 30_000,
  });

  await page.getByTestId('explorer-view-list').click();
  const list = page.getByTestId('explorer-list');
  const rows = page.getByTestId('explorer-row');
  await expect(list).toHaveAttribute('data-rows', String(OVERVIEW));
  // The grid announces all 5,000 rows (plus the header row) but draws only a window of them.
  await expect(list.getByRole('grid')).toHaveAttribute('aria-rowcount', String(OVERVIEW + 1));
  await expect(list.locator('caption')).toContainText('Nodes shown in the explorer: 5,000');
  expect(await rows.count()).toBeGreaterThan(10);
  expect(await rows.count()).toBeLessThanOrEqual(MAX_DRAWN_ROWS);
  await shootPart(page, 'explorer', 'explorer-list-5000', testInfo);

  await rows.first().focus();
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('ArrowDown');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '3');
  await page.keyboard.press('End');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(OVERVIEW + 1));
  expect(await rows.count()).toBeLessThanOrEqual(MAX_DRAWN_ROWS);
  await expectShownInList(page, focusedRow(page));
  await page.keyboard.press('PageUp');
  const afterPageUp = Number(await focusedRow(page).getAttribute('aria-rowindex'));
  expect(afterPageUp).toBeLessThan(OVERVIEW + 1 - 5);
  await page.keyboard.press('PageDown');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(OVERVIEW + 1));
  await page.keyboard.press('Home');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
  for (let i = 0; i < 40; i++) await page.keyboard.press('PageDown');
  const deep = focusedRow(page);
  const deepIndex = Number(await deep.getAttribute('aria-rowindex'));
  expect(deepIndex).toBeGreaterThan(300);
  expect(await rows.count()).toBeLessThanOrEqual(MAX_DRAWN_ROWS);

  // Space selects (the picture shares it), Enter also opens the node's details.
  const deepName = (await deep.locator('td.name').textContent()) ?? '';
  await page.keyboard.press(' ');
  await expect(deep).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('explorer-selected')).toContainText(deepName);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph-node-name')).toHaveText(deepName);

  // The picture highlights what the list selected; back in the list the selected row is in view again.
  await page.getByTestId('explorer-view-picture').click();
  const selectedId = await page.getByTestId('explorer-canvas').getAttribute('data-selected');
  expect(selectedId).not.toBe('');
  await page.getByTestId('explorer-view-list').click();
  const selectedRow = rows.and(page.locator('[aria-selected="true"]'));
  await expect(selectedRow).toHaveAttribute('aria-rowindex', String(deepIndex));
  await expectShownInList(page, selectedRow);

  // Sortable columns: by name, then by degree descending (the header says which way).
  await page.getByTestId('explorer-sort-name').click();
  const nameHeader = list.locator('th', { has: page.getByTestId('explorer-sort-name') });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const firstNames = await rows.locator('td.name').allTextContents();
  expect(firstNames.slice(0, 10)).toEqual([...firstNames.slice(0, 10)].sort((a, b) => a.localeCompare(b)));
  await page.getByTestId('explorer-sort-degree').click();
  await page.getByTestId('explorer-sort-degree').click();
  await expect(list.locator('th', { has: page.getByTestId('explorer-sort-degree') })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(nameHeader).not.toHaveAttribute('aria-sort', /./);
  await page.getByTestId('explorer-sort-degree').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Home');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
  const degrees = (await rows.locator('td:nth-child(6)').allTextContents()).slice(0, 10).map(Number);
  expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
  await shootPart(page, 'explorer', 'explorer-list-sorted', testInfo);
});
