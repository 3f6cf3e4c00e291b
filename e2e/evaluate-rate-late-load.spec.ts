import { expect, expectScores, fillScores, test } from './evaluate-fixture.ts';
import { holdChannel } from './held-response.ts';

test('scores typed before the stored ratings arrive are kept and saved', async ({ page }) => {
  const ratings = await holdChannel(page, 'ratings.list');
  await page.getByTestId('evaluate-tab-rate').click();
  await page.getByTestId('rater-name').fill('Ada');
  await page.getByTestId('rater-use').click();
  const typed = { novelty: '8', experiment: '7' };
  await fillScores(page, typed);
  // The rater's (empty) stored ratings arrive after the typing: the typed scores stay in the form.
  await ratings.release();
  await page.waitForTimeout(300);
  await expectScores(page, typed);
  await page.getByTestId('rating-save').click();
  await expect(page.getByTestId('rating-saved')).toContainText('revision 1');
  await page.reload();
  await page.getByTestId('evaluate-tab-rate').click();
  await expectScores(page, typed);
});
