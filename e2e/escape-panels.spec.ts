import { expect, mentorlessDraft, test } from './ideate-fixture.ts';

/** Escape closes the open panel (its close button marked `data-escape-close`), one at a time, topmost first. */
test.use({ scenarioFile: 'ideator-undo.json' });
test.describe.configure({ timeout: 60_000 });

test('Escape dismisses the undo toast, then cancels a fork, and leaves the decision made', async ({
  page,
}) => {
  await mentorlessDraft(page);
  const idea = page.getByTestId('ideate-idea');
  await idea.getByTestId('ideate-accept').click();
  await expect(page.getByTestId('ideate-undo-toast')).toBeVisible();
  await idea.getByTestId('ideate-fork').click();
  await expect(page.getByTestId('ideate-fork-form')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ideate-undo-toast')).toHaveCount(0);
  await expect(page.getByTestId('ideate-fork-form')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ideate-fork-form')).toHaveCount(0);
  await expect(idea.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
});
