import { captureScreenshot } from './fixtures.ts';
import { expect, IDEATE_TOPIC, test } from './ideate-fixture.ts';

// The mentor policy in the start form: the weakest aspect by default, its minimum, and the fixed cycle.
test.use({ scenarioFile: 'ideator-weakest-form.json' });

test('mentor policy: the weakest aspect is the default; too few rounds for its minimum cannot start', async ({
  page,
  llm,
}, info) => {
  test.setTimeout(60_000);
  await page.getByTestId('ideate-topic').fill(IDEATE_TOPIC);
  await page.getByTestId('ideate-ideas').fill('1');
  await expect(page.getByTestId('ideate-policy')).toHaveValue('weakest');
  for (const aspect of ['innovation', 'feasibility', 'rationality'])
    await expect(page.getByTestId(`ideate-verdict-after-${aspect}`)).toBeChecked();

  // Three rounds leave no round for a verdict after three aspects: refused in the form and by the estimate.
  await page.getByTestId('ideate-rounds').fill('3');
  await expect(page.getByTestId('ideate-policy-rounds')).toContainText('at least 4');
  await expect(page.getByTestId('ideate-start')).toBeDisabled();
  await expect(page.getByTestId('ideate-estimate')).toContainText('maxRounds');
  await captureScreenshot(page, 'ideate-policy-too-few-rounds', info);
  // A smaller minimum fits; so does the fixed cycle, which hides the minimum.
  await page.getByTestId('ideate-verdict-after-rationality').uncheck();
  await expect(page.getByTestId('ideate-policy-rounds')).toHaveCount(0);
  await expect(page.getByTestId('ideate-start')).toBeEnabled();
  await page.getByTestId('ideate-policy').selectOption('cycle');
  await expect(page.getByTestId('ideate-verdict-after')).toHaveCount(0);
  await page.getByTestId('ideate-policy').selectOption('weakest');
  await page.getByTestId('ideate-verdict-after-rationality').check();

  await page.getByTestId('ideate-rounds').fill('5');
  await expect(page.getByTestId('ideate-start')).toBeEnabled();
  await page.getByTestId('ideate-start').click();
  const session = page.getByTestId('ideate-session');
  await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 30_000 });
  // Round 1's <ACCEPT> and round 3's REJECT came too early; round 5's ACCEPT counts.
  await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="mentor"]')).toHaveCount(5);
  expect(llm?.unusedSteps()).toEqual([]);
  const start = (llm?.requests ?? []).find((r) =>
    JSON.stringify(r.body.messages ?? '').includes('[role:mentor]'),
  );
  expect(JSON.stringify(start?.body.messages)).toContain('First check clarity');
  await captureScreenshot(page, 'ideate-policy-completed', info);
});
