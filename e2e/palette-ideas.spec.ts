import { expect, SEEDED_TOPIC, test } from './library-fixture.ts';

/** The palette over the ideas library: an earlier session's idea found by title opens its session in Ideate. */
test('Ctrl+K finds an idea by title and opens its session in Ideate', async ({ page }) => {
  await expect(page.getByTestId('section-ideas')).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('idea beta');
  const idea = page.locator('[data-testid="palette-item"][data-group="Ideas"]', { hasText: 'Idea beta' });
  await expect(idea).toBeVisible();
  await expect(idea).toContainText(SEEDED_TOPIC);
  await idea.click();
  await expect(page.getByTestId('section-ideate')).toBeVisible();
  await expect(page.getByTestId('ideate-session')).toBeVisible();
  await expect(page.getByTestId('ideate-session')).toContainText('Idea beta');
});
