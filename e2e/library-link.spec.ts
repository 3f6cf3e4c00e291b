import { expect, libraryRow, openIdea, SEEDED_TOPIC, test } from './library-fixture.ts';

/**
 * A link to one idea (`#/ideas/idea/<id>`, what a `motiv://idea/<id>` link becomes in the window) opens the
 * library on that idea, from another section and on a fresh load.
 */

test('an idea link opens that idea in the library, from another section and on a reload', async ({
  page,
  app,
}) => {
  await expect(libraryRow(page, 'id-gamma')).toHaveCount(1);
  await page.getByTestId('nav-graph').click();
  await page.evaluate(() => {
    window.location.hash = '#/ideas/idea/id-gamma';
  });
  await expect(page.locator('[data-testid="idea-detail"][data-idea-id="id-gamma"]')).toBeVisible();

  await page.goto(`${app.url.split('#')[0]}#/ideas/idea/id-beta`);
  await expect(page.locator('[data-testid="idea-detail"][data-idea-id="id-beta"]')).toBeVisible();
});

test('"Rank in a tournament" opens Evaluate on the idea\'s topic, ready to run its tournament', async ({
  page,
}) => {
  await expect(libraryRow(page, 'id-alpha')).toHaveCount(1);
  await openIdea(page, 'id-alpha');
  await page.getByTestId('idea-rank').click();
  await expect(page.getByTestId('section-evaluate')).toBeVisible();
  await expect(page.getByTestId('evaluate-topic')).toHaveValue(SEEDED_TOPIC);
  await expect(page.getByTestId('tournament-seed')).toBeVisible();
});
