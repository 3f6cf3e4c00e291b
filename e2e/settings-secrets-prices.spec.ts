import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureScreenshot, expect, test } from './fixtures.ts';

test.use({ startSection: 'settings' });

const KEY = 'sk-e2e-0123456789abcdefXYZ';

test('an API key is stored encrypted and the page only ever shows "set / not set"', async ({
  page,
  app,
}, testInfo) => {
  const state = page.getByTestId('secret-llm-apiKey-state');
  await expect(state).toHaveText('not set');
  await page.getByTestId('secret-llm-apiKey-input').fill(KEY);
  await page.getByTestId('secret-llm-apiKey-save').click();
  await expect(state).toHaveText('set');
  await expect(page.getByTestId('secret-llm-apiKey-input')).toHaveValue('');
  await expect(page.getByTestId('secret-neo4j-password-state')).toHaveText('not set');

  await page.reload();
  await expect(page.getByTestId('section-settings')).toBeVisible();
  await expect(page.getByTestId('secret-llm-apiKey-state')).toHaveText('set');
  expect(await page.content()).not.toContain(KEY);
  await page.getByTestId('secret-llm-apiKey').scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-secrets-prices', testInfo);
  const onDisk = readFileSync(join(app.dataDir, 'secrets.json'), 'utf8');
  expect(onDisk).toContain('llm.apiKey');
  expect(onDisk).not.toContain(KEY);
  expect(readFileSync(join(app.dataDir, 'logs', 'motiv.log'), 'utf8')).not.toContain(KEY);

  // Diagnostics name the secret store as the key's source.
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByTestId('diagnostics').getByRole('row', { name: /llm\.apiKey/ })).toContainText(
    'secret store',
  );

  await page.getByTestId('secret-llm-apiKey-clear').click();
  await expect(page.getByTestId('secret-llm-apiKey-state')).toHaveText('not set');
});

test('edited and added prices are saved as overrides, and a reset returns to the built-in price', async ({
  page,
  app,
}) => {
  const editor = page.getByTestId('prices-editor');
  const miniInput = editor.getByLabel('Input price for gpt-4o-mini', { exact: true });
  await expect(miniInput).toHaveValue('0.15');
  await miniInput.fill('0.1');
  await editor.getByTestId('price-add').click();
  await editor.getByTestId('price-model').fill('llama3.1:8b');
  await editor.getByTestId('prices-save').click();
  await expect(editor.getByTestId('prices-status')).toHaveText('Prices saved');

  await page.reload();
  await expect(page.getByTestId('section-settings')).toBeVisible();
  await expect(miniInput).toHaveValue('0.1');
  await expect(editor.getByLabel('Input price for llama3.1:8b', { exact: true })).toHaveValue('0');
  const settings = () =>
    JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
      prices: { overrides: Record<string, unknown> };
    };
  expect(settings().prices.overrides).toEqual({
    'gpt-4o-mini': { inputPerMTok: 0.1, outputPerMTok: 0.6 },
    'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0 },
  });

  await editor
    .getByRole('row', { name: /gpt-4o-mini/ })
    .getByRole('button', { name: 'Reset' })
    .click();
  await expect(miniInput).toHaveValue('0.15');
  await editor.getByTestId('prices-save').click();
  await expect(editor.getByTestId('prices-status')).toHaveText('Prices saved');
  expect(settings().prices.overrides).toEqual({ 'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0 } });
});

test('literature search settings: a bad URL is refused with the field named; valid ones are saved', async ({
  page,
  app,
}) => {
  const panel = page.getByTestId('literature-settings');
  await panel.getByLabel('OpenAlex base URL').fill('not a url');
  await panel.getByTestId('literature-save').click();
  await expect(panel.getByTestId('literature-status')).toContainText('literature.openAlexBaseUrl');

  await panel.getByLabel('OpenAlex base URL').fill('https://openalex.mirror.example.org');
  await panel.getByLabel('Timeout per request (seconds)').fill('5');
  await panel.getByTestId('literature-enabled').uncheck();
  await panel.getByTestId('literature-save').click();
  await expect(panel.getByTestId('literature-status')).toHaveText('Saved');
  const onDisk = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
    literature: Record<string, unknown>;
  };
  expect(onDisk.literature).toEqual({
    enabled: false,
    semanticScholarBaseUrl: null,
    openAlexBaseUrl: 'https://openalex.mirror.example.org',
    arxivBaseUrl: null,
    timeoutMs: 5000,
    cacheTtlDays: 30,
  });
  await page.reload();
  await expect(page.getByTestId('literature-enabled')).not.toBeChecked();
});
