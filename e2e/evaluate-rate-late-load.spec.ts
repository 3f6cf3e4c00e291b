import { expect, test } from './evaluate-fixture.ts';
import { holdChannel } from './held-response.ts';

test('scores typed before the stored ratings arrive are kept and saved', async ({ page }) => {
  const ratings = await holdChannel(page, 'ratings.list');
  await page.getByTestId('evaluate-tab-rate').click();
  await page.getByTestId('rater-name').fill('Ada');
  await page.getByTestId('rater-use').click();
  await page.getByTestId('rating-novelty').fill('8');
  await page.getByTestId('rating-experiment').fill('7');
  // The rater's (empty) stored ratings arrive after the typing: the typed scores stay in the form.
  await ratings.release();
  await page.waitForTimeout(300);
  await expect(page.getByTestId('rating-novelty')).toHaveValue('8');
  await expect(page.getByTestId('rating-experiment')).toHaveValue('7');
  await page.getByTestId('rating-save').click();
  await expect(page.getByTestId('rating-saved')).toContainText('revision 1');
  await page.reload();
  await page.getByTestId('evaluate-tab-rate').click();
  await expect(page.getByTestId('rating-novelty')).toHaveValue('8');
  await expect(page.getByTestId('rating-experiment')).toHaveValue('7');
});
