import { expect, test } from './evaluate-fixture.ts';

test('scores typed before the stored ratings arrive are kept and saved', async ({ page }) => {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/invoke/ratings.list', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId('evaluate-tab-rate').click();
  await page.getByTestId('rater-name').fill('Ada');
  await page.getByTestId('rater-use').click();
  await page.getByTestId('rating-novelty').fill('8');
  await page.getByTestId('rating-experiment').fill('7');
  // The rater's (empty) stored ratings arrive after the typing: the typed scores stay in the form.
  const answered = page.waitForResponse('**/api/invoke/ratings.list');
  release();
  await answered;
  await page.waitForTimeout(300);
  await expect(page.getByTestId('rating-novelty')).toHaveValue('8');
  await expect(page.getByTestId('rating-experiment')).toHaveValue('7');
  await page.unroute('**/api/invoke/ratings.list');
  await page.getByTestId('rating-save').click();
  await expect(page.getByTestId('rating-saved')).toContainText('revision 1');
  await page.reload();
  await page.getByTestId('evaluate-tab-rate').click();
  await expect(page.getByTestId('rating-novelty')).toHaveValue('8');
  await expect(page.getByTestId('rating-experiment')).toHaveValue('7');
});
