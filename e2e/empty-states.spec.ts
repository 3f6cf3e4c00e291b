import { captureScreenshot, expect, test } from './fixtures.ts';

/** A fresh data dir with no graph and no LLM: every section says what to do next, never a bare blank page. */
test.use({
  appEnv: { MOTIV_SEED: 'off', MOTIV_LLM_BASE_URL: '', MOTIV_LLM_MODEL: '', MOTIV_LLM_API_KEY: '' },
});

test('every section, empty, says what to do next', async ({ page, section }, testInfo) => {
  await expect(page.getByTestId('graph-empty')).toBeVisible();
  await captureScreenshot(page, 'empty-graph', testInfo);
  // Ideate without a model: the sample topic and the model step of the welcome are one click away.
  await section('ideate');
  await expect(page.getByTestId('ideate-no-endpoint')).toBeVisible();
  await captureScreenshot(page, 'empty-ideate', testInfo);
  await page.getByTestId('ideate-choose-model').click();
  const welcome = page.getByRole('dialog', { name: 'Welcome to MotivGraph Studio' });
  await expect(welcome.getByTestId('welcome-model')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(welcome).toHaveCount(0);
  await page.getByTestId('ideate-try-sample').click();
  await expect(page.getByTestId('ideate-topic')).toHaveValue(/knowledge graph of problems/);

  for (const name of ['ideas', 'evaluate'] as const) {
    await section(name);
    await page.waitForTimeout(800);
    await captureScreenshot(page, `empty-${name}`, testInfo);
  }
  await section('methods');
  await page.getByTestId('methods-search').fill('zzzz no such method qqqq');
  await expect(page.getByText('No methods match.')).toBeVisible();
  await captureScreenshot(page, 'empty-methods', testInfo);
});
