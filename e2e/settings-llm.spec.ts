import { captureScreenshot, expect, test } from './fixtures.ts';
import { startScriptedLlm } from './scripted-llm/server.ts';

/**
 * Settings → LLM endpoint: the base URL and per-agent models as a user saves them, checked with "Test connection"
 * against the scripted OpenAI-compatible server (its /v1/models lists what it serves) and against a port where
 * nothing listens.
 */

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The saved settings must be what the app uses: no endpoint or model from the outer environment (env wins).
test.use({
  appEnv: { MOTIV_LLM_BASE_URL: '', MOTIV_LLM_API_KEY: '', MOTIV_LLM_MODEL: '' },
  startSection: 'settings',
});

test('tests the saved endpoint, shows each agent’s model, and flags one the endpoint does not list', async ({
  page,
}, testInfo) => {
  const llm = await startScriptedLlm({
    scenario: { name: 'models-only', models: ['served-chat', 'served-embed'], steps: [] },
  });
  try {
    await page.getByTestId('setting-llm-base-url').fill(llm.baseUrl);
    await page.getByTestId('setting-llm-model').fill('served-chat');
    await page.getByText('A different model per agent').click();
    await page.getByTestId('setting-model-embeddings').fill('served-embed');
    await page.getByTestId('settings-save-llm').click();
    await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');

    await page.getByTestId('llm-test').click();
    const result = page.getByTestId('llm-test-result');
    await expect(result).toHaveText(
      new RegExp(`^${escapeRegExp(llm.baseUrl)} answered in \\d+ ms with 2\\s+models\\.$`),
    );
    const roles = page.getByTestId('llm-roles');
    await expect(roles.getByRole('row')).toHaveCount(6);
    for (const role of ['researcher', 'mentor', 'judge', 'extractor']) {
      await expect(page.getByTestId(`llm-role-${role}`)).toHaveText(
        new RegExp(`^${role}\\s*served-chat\\s*settings\\s*$`),
      );
    }
    await expect(page.getByTestId('llm-role-embeddings')).toHaveText(
      /^embeddings\s*served-embed\s*settings\s*$/,
    );
    await expect(roles).not.toContainText('not listed by the endpoint');
    // The fields now suggest what the endpoint serves.
    await expect(page.locator('#llm-models option')).toHaveCount(2);

    // A mentor model the endpoint does not serve: the old report goes away on save, the next test flags it.
    await page.getByTestId('setting-model-mentor').fill('gpt-imaginary');
    await page.getByTestId('settings-save-llm').click();
    await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');
    await expect(page.getByTestId('llm-test-result')).toHaveCount(0);
    await page.getByTestId('llm-test').click();
    await expect(page.getByTestId('llm-role-mentor')).toContainText('gpt-imaginary');
    await expect(page.getByTestId('llm-role-mentor')).toContainText('not listed by the endpoint');
    await expect(page.getByTestId('llm-role-researcher')).not.toContainText('not listed');
    await captureScreenshot(page, 'settings-llm-connection', testInfo);
    expect(llm.requests.filter((r) => r.endpoint === 'models')).toHaveLength(2);
  } finally {
    await llm.stop();
  }
});

test('an endpoint where nothing listens gets the message and a hint, not a crash', async ({ page }) => {
  await page.getByTestId('setting-llm-base-url').fill('http://127.0.0.1:9/v1');
  await page.getByTestId('settings-save-llm').click();
  await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');
  await page.getByTestId('llm-test').click();
  const result = page.getByTestId('llm-test-result');
  await expect(result).toContainText('http://127.0.0.1:9/v1');
  // fetch refuses port 9 (discard) before connecting: the hint says so instead of blaming a server.
  await expect(result).toContainText('fetch refuses that port');
  await expect(page.getByTestId('llm-test-hint')).toHaveText(/refuse a few ports for safety.*another port/);
  await expect(page.getByTestId('llm-roles')).toHaveCount(0);
});
