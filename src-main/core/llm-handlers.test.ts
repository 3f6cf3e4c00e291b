import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { LlmConnectionReportSchema } from '../contract/llm.ts';
import { repoModelsDir } from '../embeddings/minilm-files.ts';
import { smollm2Path } from '../local-llm/test-model.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();
const startLlm = stopAfterEach(startScriptedLlm);
let llm: ScriptedLlm | undefined;

describe('llm.test', () => {
  it('lists the models and tells, per agent, which model it uses, from where, and whether it is listed', async () => {
    llm = await startLlm({
      scenario: { name: 'models only', models: ['llama3', 'all-minilm'], steps: [] },
    });
    const core = createCore({ env: { MOTIV_DATA_DIR: tempDir() } });
    await dispatch(
      core.handlers,
      'settings.update',
      {
        llm: {
          baseUrl: llm.baseUrl,
          model: 'llama3',
          models: {
            researcher: null,
            mentor: 'gpt-9',
            judge: null,
            extractor: null,
            embeddings: 'all-minilm',
          },
        },
      },
      { transport: 'ipc' },
    );
    const reply = await dispatch(core.handlers, 'llm.test', {}, { transport: 'ipc' });
    expect(reply).toMatchObject({ result: { ok: true, models: ['all-minilm', 'llama3'] } });
    const report = 'result' in reply ? LlmConnectionReportSchema.parse(reply.result) : null;
    expect(report?.ok && report.roles).toEqual([
      { role: 'researcher', model: 'llama3', source: 'settings', listed: true },
      { role: 'mentor', model: 'gpt-9', source: 'settings', listed: false },
      { role: 'judge', model: 'llama3', source: 'settings', listed: true },
      { role: 'extractor', model: 'llama3', source: 'settings', listed: true },
      { role: 'embeddings', model: 'all-minilm', source: 'settings', listed: true },
    ]);

    // A role on an endpoint of its own is named with it, not called "not listed" by the one tested.
    const endpoints = { researcher: null, mentor: null, judge: null, extractor: null, embeddings: null };
    await dispatch(
      core.handlers,
      'settings.update',
      { llm: { endpoints: { ...endpoints, judge: 'http://127.0.0.1:11434/v1' } } },
      { transport: 'ipc' },
    );
    const again = await dispatch(core.handlers, 'llm.test', {}, { transport: 'ipc' });
    const second = 'result' in again ? LlmConnectionReportSchema.parse(again.result) : null;
    expect(second?.ok && second.roles).toEqual([
      { role: 'researcher', model: 'llama3', source: 'settings', listed: true },
      { role: 'mentor', model: 'gpt-9', source: 'settings', listed: false },
      {
        role: 'judge',
        model: 'llama3',
        source: 'settings',
        listed: false,
        endpoint: 'http://127.0.0.1:11434/v1',
      },
      { role: 'extractor', model: 'llama3', source: 'settings', listed: true },
      { role: 'embeddings', model: 'all-minilm', source: 'settings', listed: true },
    ]);
    await core.close();
  });

  it('answers an unreachable endpoint with a hint instead of failing the call', async () => {
    const core = createCore({
      env: { MOTIV_DATA_DIR: tempDir(), MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    const reply = await dispatch(core.handlers, 'llm.test', {}, { transport: 'ipc' });
    expect(reply).toMatchObject({
      result: { ok: false, baseUrl: 'http://127.0.0.1:9/v1', code: 'LLM_UNAVAILABLE' },
    });
    const report = 'result' in reply ? LlmConnectionReportSchema.parse(reply.result) : null;
    expect(report && !report.ok && report.hint).toMatch(/refuse a few ports for safety/);
    await core.close();
  });
});

describe('llm.checkLocalModel', () => {
  it('answers a picked .gguf through dispatch, and refuses an empty or oversized path as VALIDATION', async () => {
    const core = createCore({ env: { MOTIV_DATA_DIR: tempDir() } });
    const path = smollm2Path(repoModelsDir());
    const reply = await dispatch(core.handlers, 'llm.checkLocalModel', { path }, { transport: 'http' });
    expect(reply).toMatchObject({ result: { ok: true, path, architecture: 'llama', sizeLabel: '135M' } });
    const missing = await dispatch(
      core.handlers,
      'llm.checkLocalModel',
      { path: '/nowhere/model.gguf' },
      { transport: 'http' },
    );
    expect(missing).toMatchObject({ result: { ok: false, reason: 'model-file-missing' } });
    for (const bad of [{ path: ' ' }, { path: `/${'a'.repeat(5_000)}` }, {}, { path, extra: 1 }]) {
      const refused = await dispatch(core.handlers, 'llm.checkLocalModel', bad, { transport: 'http' });
      expect(refused).toMatchObject({ error: { code: 'VALIDATION' } });
    }
  });
});
