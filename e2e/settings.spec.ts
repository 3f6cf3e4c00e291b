import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureScreenshot, expect, test } from './fixtures.ts';

test.use({ startSection: 'settings' });

test('a changed setting survives a reload and lands in the settings file', async ({
  page,
  app,
}, testInfo) => {
  // Theme acts on the whole app: it applies and saves as it is chosen, with no Save button to find.
  await page.getByTestId('setting-theme').selectOption('dark');
  await expect(page.getByTestId('settings-status-appearance')).toHaveText('Saved');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Every other section has its own Save, where its fields are.
  await page.getByTestId('setting-display-name').fill('Ada Lovelace');
  await page.getByTestId('settings-save-profile').click();
  await expect(page.getByTestId('settings-status-profile')).toHaveText('Saved');
  await page.getByTestId('setting-max-rounds').fill('7');
  await page.getByTestId('settings-save-ideation').click();
  await expect(page.getByTestId('settings-status-ideation')).toHaveText('Saved');

  await page.reload();
  await expect(page.getByTestId('section-settings')).toBeVisible();
  await expect(page.getByTestId('setting-theme')).toHaveValue('dark');
  await expect(page.getByTestId('setting-display-name')).toHaveValue('Ada Lovelace');
  await expect(page.getByTestId('setting-max-rounds')).toHaveValue('7');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await captureScreenshot(page, 'settings-dark', testInfo);

  const onDisk = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
    appearance: { theme: string };
    ideation: { maxRounds: number };
  };
  expect(onDisk.appearance.theme).toBe('dark');
  expect(onDisk.ideation.maxRounds).toBe(7);
});

test('an invalid value is refused with the field named, and nothing is saved', async ({
  page,
  section,
  app,
}) => {
  await page.getByTestId('setting-max-rounds').fill('50');
  await page.getByTestId('settings-save-ideation').click();
  await expect(page.getByTestId('settings-status-ideation')).toContainText('ideation.maxRounds');
  await page.getByTestId('nav-graph').click();
  await page.getByTestId('settings-leave-discard').click();
  await expect(page.getByTestId('section-graph')).toBeVisible();
  await page.reload();
  await section('settings');
  await expect(page.getByTestId('setting-max-rounds')).toHaveValue('5');
  expect(() => readFileSync(join(app.dataDir, 'settings.json'), 'utf8')).toThrow();
});

test('diagnostics show where each value came from', async ({ page }, testInfo) => {
  await page.getByRole('button', { name: 'Run checks' }).click();
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.getByRole('row', { name: /dataDir/ })).toContainText('env:MOTIV_DATA_DIR');
  // Each agent's model, as the agents resolve it (core/config.ts), not one global value.
  await expect(diagnostics.getByRole('row', { name: /llm\.models\.embeddings/ })).toContainText(
    'text-embedding-3-small',
  );
  await expect(diagnostics.getByRole('row', { name: /llm\.models\.researcher/ })).toBeVisible();
  await expect(diagnostics).toContainText('not configured: the embedded store is used');
  await diagnostics.getByText('not configured: the embedded store is used').scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-diagnostics', testInfo);
});
