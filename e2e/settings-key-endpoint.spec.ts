import { captureScreenshot, expect, test } from './fixtures.ts';
import { startScriptedLlm } from './scripted-llm/server.ts';

/**
 * Settings → API key: the stored key is bound to the endpoint it was stored for. After the base URL changes,
 * the key field says so, "Test connection" sends no key to the new endpoint, and one click confirms it.
 */

const KEY = 'sk-e2e-bound-key-0123456789';
test.use({ appEnv: { MOTIV_LLM_BASE_URL: '', MOTIV_LLM_API_KEY: '', MOTIV_LLM_MODEL: '' } });

test('a new endpoint gets the stored key only after the user confirms it', async ({
  page,
  section,
}, testInfo) => {
  const trusted = await startScriptedLlm({ scenario: { name: 'a', models: ['m'], steps: [] } });
  const other = await startScriptedLlm({ scenario: { name: 'b', models: ['m'], steps: [] } });
  const sawKey = (server: typeof other): boolean =>
    server.requests.some((r) => String(r.headers.authorization ?? '').includes(KEY));
  try {
    await section('settings');
    await page.getByTestId('setting-llm-base-url').fill(trusted.baseUrl);
    await page.getByTestId('settings-save-llm').click();
    await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');
    await page.getByTestId('secret-llm-apiKey-input').fill(KEY);
    await page.getByTestId('secret-llm-apiKey-save').click();
    await expect(page.getByTestId('secret-llm-apiKey-state')).toHaveText('set');
    await expect(page.getByTestId('secret-llm-apiKey-unconfirmed')).toHaveCount(0);

    await page.getByTestId('setting-llm-base-url').fill(other.baseUrl);
    await page.getByTestId('settings-save-llm').click();
    await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');
    const otherOrigin = new URL(other.baseUrl).origin;
    await expect(page.getByTestId('secret-llm-apiKey-unconfirmed')).toContainText(
      `the endpoint is now ${otherOrigin}`,
    );
    await page.getByTestId('llm-test').click();
    await expect(page.getByText(/not sent there until you confirm/).first()).toBeVisible();
    await captureScreenshot(page, 'settings-key-unconfirmed', testInfo);
    expect(sawKey(other)).toBe(false);

    await page.getByTestId('secret-llm-apiKey-confirm').click();
    await expect(page.getByTestId('secret-llm-apiKey-unconfirmed')).toHaveCount(0);
    await page.getByTestId('llm-test').click();
    await expect(page.getByTestId('llm-test-result')).toContainText('answered in');
    expect(sawKey(other)).toBe(true);
  } finally {
    await trusted.stop();
    await other.stop();
  }
});
