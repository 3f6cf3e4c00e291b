import { captureScreenshot, expect, test } from './fixtures.ts';

/**
 * The keyboard over the whole app in Chromium: Ctrl+K's command palette (sections, actions, graph nodes), `/`
 * into the section's search, arrow keys in lists, Escape closing with focus given back.
 */

test('Ctrl+K opens the palette over sections, actions and nodes; Escape closes it and gives focus back', async ({
  page,
}, testInfo) => {
  await expect(page.getByTestId('section-graph')).toBeVisible();
  await page.getByTestId('nav-ideas').focus();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await captureScreenshot(page, 'palette-open', testInfo);
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(page.getByTestId('nav-ideas')).toBeFocused();

  // A section by name, with the keyboard only.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('meth');
  await expect(page.getByTestId('palette-item').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('section-methods')).toBeVisible();
  await expect(palette).toHaveCount(0);

  // A node of the graph: searched as you type, picked with the arrows.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('assistants welfare');
  const node = palette.locator('[data-testid="palette-item"][data-group="Nodes"]', {
    hasText: 'Aligning assistants with user welfare',
  });
  await expect(node).toBeVisible();
  await captureScreenshot(page, 'palette-node', testInfo);
  const items = palette.getByTestId('palette-item');
  const index = await items.evaluateAll((all) =>
    all.findIndex((e) => e.textContent?.includes('Aligning assistants with user welfare')),
  );
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
  await expect(node).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('section-graph')).toBeVisible();
  expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/^#\/graph\/node\/.+/);

  // An action: the keyboard shortcuts page of Help.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('keyboard');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('help-page-shortcuts')).toBeVisible();
  await expect(page.getByTestId('help-shortcuts')).toContainText('Ctrl+K');
});

test('/ focuses the section search; arrow keys move through a list', async ({ page }) => {
  // The graph page shows its search once its first read is in.
  await expect(page.getByTestId('graph-search')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByTestId('graph-search')).toBeFocused();
  await page.getByTestId('nav-methods').click();
  await expect(page.getByTestId('methods-search')).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(page.getByTestId('methods-search')).toBeFocused();
  // Typed into a field, `/` is just a character.
  await page.keyboard.type('a/b');
  await expect(page.getByTestId('methods-search')).toHaveValue('a/b');

  await page.getByTestId('nav-graph').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('nav-ideate')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('nav-ideate')).toBeFocused();
});
