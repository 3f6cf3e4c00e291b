import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoModelsDir } from '../src-main/embeddings/minilm-files.ts';
import { smollm2Path } from '../src-main/local-llm/test-model.ts';
import { captureScreenshot, expect, test } from './fixtures.ts';

/**
 * Settings → LLM endpoint presets (Ollama, LM Studio, vLLM, OpenAI, Local GGUF): a preset fills the base URL and
 * the model hint, a keyless endpoint saves without a key, an unsaved base URL is replaced only when the user says
 * so; the Local (GGUF) preset checks the typed file as the engine would (the real SmolLM2 test model from
 * .cache/models) and "Test connection" loads it in the real engine. Per agent, an endpoint of its own ("same as
 * above" otherwise) with the same presets and GGUF check: the mentor on a local model, the researcher remote.
 */

test.use({
  appEnv: { MOTIV_LLM_BASE_URL: '', MOTIV_LLM_API_KEY: '', MOTIV_LLM_MODEL: '', MOTIV_LLM_THREADS: '1' },
  startSection: 'settings',
});

test('a preset fills the endpoint, saves without a key, and never drops an unsaved base URL silently', async ({
  page,
}, testInfo) => {
  const baseUrl = page.getByTestId('setting-llm-base-url');
  await page.getByTestId('llm-preset-ollama').click();
  await expect(baseUrl).toHaveValue('http://127.0.0.1:11434/v1');
  await expect(page.getByTestId('setting-llm-model')).toHaveAttribute('placeholder', /llama3\.1:8b/);
  await expect(page.getByTestId('llm-preset-note')).toHaveText(/Ollama: no API key needed/);
  await expect(page.getByTestId('llm-preset-ollama')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('settings-save-llm').click();
  await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');

  // An edit not saved yet: the preset asks first, and "Keep mine" keeps it.
  await baseUrl.fill('http://gpu-box.lab:9000/v1');
  await page.getByTestId('llm-preset-lmstudio').click();
  await expect(page.getByTestId('llm-preset-confirm')).toContainText('http://gpu-box.lab:9000/v1');
  await page.getByTestId('llm-presets').scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-preset-confirm', testInfo);
  await page.getByTestId('llm-preset-keep').click();
  await expect(baseUrl).toHaveValue('http://gpu-box.lab:9000/v1');
  await expect(page.getByTestId('llm-preset-confirm')).toHaveCount(0);
  await page.getByTestId('llm-preset-vllm').click();
  await page.getByTestId('llm-preset-replace').click();
  await expect(baseUrl).toHaveValue('http://127.0.0.1:8000/v1');
  await expect(page.getByTestId('setting-llm-model')).toHaveAttribute('placeholder', /Qwen/);

  await page.getByTestId('llm-preset-openai').click();
  await expect(baseUrl).toHaveValue('https://api.openai.com/v1');
  await expect(page.getByTestId('llm-preset-note')).toHaveText(/needs an API key/);
});

test('Local (GGUF): the typed file is checked beside the field, saved, and loaded by Test connection', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await page.getByTestId('llm-preset-local').click();
  await expect(page.getByTestId('setting-llm-base-url')).toHaveValue('local:');
  const path = page.getByTestId('setting-llm-gguf-path');
  // Browser mode has no OS dialog: the path is typed.
  await expect(page.getByTestId('llm-gguf-choose')).toHaveCount(0);

  await path.fill('/nowhere/model.gguf');
  const check = page.getByTestId('llm-gguf-check');
  await expect(check).toHaveAttribute('data-reason', 'model-file-missing');
  await expect(check).toContainText('/nowhere/model.gguf does not exist');

  const model = smollm2Path(repoModelsDir());
  await path.fill(model);
  await expect(page.getByTestId('setting-llm-base-url')).toHaveValue(`local:${model}`);
  await expect(check).toContainText(/GGUF v3, 98 MB · llama · 135M parameters · context 8,192 · 30 layers/);
  await expect(check).not.toHaveAttribute('data-reason');
  await page.getByTestId('settings-save-llm').click();
  await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');

  await page.getByTestId('llm-test').click();
  await expect(page.getByTestId('llm-test-result')).toContainText(`local:${model} answered in`, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('llm-role-researcher')).toContainText(
    'local:SmolLM2-135M-Instruct.Q4_1.gguf',
  );
  await expect(page.getByTestId('llm-role-researcher')).not.toContainText('not listed');
  await page.getByTestId('settings-section-llm').scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-local-gguf', testInfo);
});

test('per agent: the mentor on a local GGUF and the judge on Ollama, the researcher on the remote endpoint', async ({
  page,
  app,
  section,
}, testInfo) => {
  const savedLlm = (): { baseUrl: string | null; endpoints: Record<string, string | null> } =>
    (JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { llm: never }).llm;
  await page.getByTestId('llm-preset-openai').click();
  await page.getByTestId('llm-role-endpoints').locator('summary').click();
  await expect(page.getByTestId('role-endpoint-mode-researcher')).toHaveValue('same');
  await expect(page.getByTestId('setting-endpoint-researcher')).toHaveCount(0);

  await page.getByTestId('role-endpoint-mode-mentor').selectOption('own');
  await page.getByTestId('role-preset-mentor-local').click();
  await expect(page.getByTestId('setting-endpoint-mentor')).toHaveValue('local:');
  const model = smollm2Path(repoModelsDir());
  await page.getByTestId('setting-llm-gguf-path-mentor').fill(model);
  await expect(page.getByTestId('setting-endpoint-mentor')).toHaveValue(`local:${model}`);
  await expect(page.getByTestId('llm-gguf-check-mentor')).toContainText(/GGUF v3, 98 MB · llama/);
  await expect(page.getByTestId('role-preset-mentor-note')).toHaveText(/no API key needed/);
  // The shared field is untouched by the mentor's choice.
  await expect(page.getByTestId('setting-llm-base-url')).toHaveValue('https://api.openai.com/v1');
  await expect(page.getByTestId('llm-local-model')).toHaveCount(0);

  await page.getByTestId('role-endpoint-mode-judge').selectOption('own');
  await page.getByTestId('role-preset-judge-ollama').click();
  await expect(page.getByTestId('setting-endpoint-judge')).toHaveValue('http://127.0.0.1:11434/v1');
  await page.getByTestId('settings-save-llm').click();
  await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');
  expect(savedLlm()).toMatchObject({
    baseUrl: 'https://api.openai.com/v1',
    endpoints: {
      researcher: null,
      mentor: `local:${model}`,
      judge: 'http://127.0.0.1:11434/v1',
      extractor: null,
      embeddings: null,
    },
  });
  await page.getByTestId('role-endpoint-mentor').scrollIntoViewIfNeeded();
  await captureScreenshot(page, 'settings-role-endpoints', testInfo);

  // After a reload the saved choices are shown again; "same as above" clears the judge's own endpoint.
  await page.reload();
  await section('settings');
  await expect(page.getByTestId('role-endpoint-mode-mentor')).toHaveValue('own');
  await expect(page.getByTestId('setting-endpoint-mentor')).toHaveValue(`local:${model}`);
  await page.getByTestId('role-endpoint-mode-judge').selectOption('same');
  await expect(page.getByTestId('setting-endpoint-judge')).toHaveCount(0);
  await page.getByTestId('settings-save-llm').click();
  await expect(page.getByTestId('settings-status-llm')).toHaveText('Saved');
  expect(savedLlm().endpoints).toMatchObject({ mentor: `local:${model}`, judge: null });
});
