import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../contract/settings.ts';
import { SettingsStore } from './settings-store.ts';
import { DEFAULT_DATA_DIR, entryOf, expectEntry } from '../test-support/config-entries.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { loadConfig } from './config.ts';
import { runDoctor } from './doctor.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per-role endpoints (settings llm.endpoints, MOTIV_LLM_<ROLE>_BASE_URL) resolved once, with their sources. */

const tempDir = useTempDirs();
const dataDir = DEFAULT_DATA_DIR;

const settings = SettingsSchema.parse({
  schemaVersion: 1,
  llm: {
    baseUrl: 'https://api.example.org/v1',
    model: 'remote-chat',
    endpoints: {
      researcher: null,
      mentor: 'local:/models/tiny.gguf',
      judge: 'http://127.0.0.1:11434/v1/',
      extractor: null,
      embeddings: null,
    },
  },
});

describe('per-role LLM endpoints', () => {
  it('gives each role its own base URL with its source, and doctor shows the ones that differ', () => {
    const config = loadConfig({
      settings,
      env: { MOTIV_LLM_EXTRACTOR_BASE_URL: 'http://127.0.0.1:8000/v1' },
      dataDir,
    });
    expect(config.requireLlm('researcher')).toMatchObject({
      baseUrl: 'https://api.example.org/v1',
      model: 'remote-chat',
      sources: { baseUrl: 'settings' },
    });
    expect(config.requireLlm('researcher').local).toBeUndefined();
    expect(config.requireLlm('mentor')).toMatchObject({
      baseUrl: 'local:/models/tiny.gguf',
      local: { path: '/models/tiny.gguf' },
      // An explicitly set model stays: the local file serves whatever name it is asked for.
      model: 'remote-chat',
      sources: { baseUrl: 'settings' },
    });
    expect(config.requireLlm('judge')).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      sources: { baseUrl: 'settings' },
    });
    expect(config.requireLlm('extractor')).toMatchObject({
      baseUrl: 'http://127.0.0.1:8000/v1',
      sources: { baseUrl: 'env', envVars: { baseUrl: 'MOTIV_LLM_EXTRACTOR_BASE_URL' } },
    });
    expect(config.readLlm().baseUrl).toBe('https://api.example.org/v1');

    expect(entryOf(config.entries, 'llm.baseUrl')?.value).toBe('https://api.example.org/v1');
    expectEntry(config.entries, 'llm.endpoints.mentor', {
      value: 'local:/models/tiny.gguf',
      source: 'settings',
    });
    expectEntry(config.entries, 'llm.endpoints.extractor', {
      value: 'http://127.0.0.1:8000/v1',
      source: 'env',
      envVar: 'MOTIV_LLM_EXTRACTOR_BASE_URL',
    });
    expect(entryOf(config.entries, 'llm.endpoints.researcher')).toBeUndefined();
  });

  it('orders sources like the model variants: role env, global env, role setting, global setting', () => {
    const config = loadConfig({
      settings,
      env: {
        MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
        MOTIV_LLM_MENTOR_BASE_URL: 'http://127.0.0.1:7/v1',
      },
      dataDir,
    });
    expect(config.requireLlm('mentor')).toMatchObject({
      baseUrl: 'http://127.0.0.1:7/v1',
      sources: { baseUrl: 'env', envVars: { baseUrl: 'MOTIV_LLM_MENTOR_BASE_URL' } },
    });
    // The global variable wins over the judge's setting, as MOTIV_LLM_MODEL wins over llm.models.
    expect(config.requireLlm('judge')).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/v1',
      sources: { baseUrl: 'env', envVars: { baseUrl: 'MOTIV_LLM_BASE_URL' } },
    });
    expect(entryOf(config.entries, 'llm.endpoints.judge')).toBeUndefined();
  });

  it('makes a role with its own endpoint count as configured even without a shared one', () => {
    const plain = SettingsSchema.parse({
      schemaVersion: 1,
      llm: { endpoints: { ...settings.llm.endpoints, judge: null, mentor: null, embeddings: null } },
    });
    const config = loadConfig({
      settings: plain,
      env: { MOTIV_LLM_JUDGE_BASE_URL: 'http://127.0.0.1:5/v1' },
      dataDir,
    });
    expect(config.requireLlm('judge').baseUrl).toBe('http://127.0.0.1:5/v1');
    expect(() => config.requireLlm('researcher')).toThrow(
      expect.objectContaining({ code: 'LLM_NOT_CONFIGURED' }),
    );
  });

  it('refuses only the role whose own endpoint is unusable, naming its variable; the others work', () => {
    const config = loadConfig({
      settings,
      env: { MOTIV_LLM_JUDGE_BASE_URL: 'ftp://judge.example' },
      dataDir,
    });
    expect(() => config.requireLlm('judge')).toThrow(
      expect.objectContaining({
        code: 'LLM_NOT_CONFIGURED',
        message: expect.stringContaining('MOTIV_LLM_JUDGE_BASE_URL must use http or https'),
        details: expect.objectContaining({
          envVar: 'MOTIV_LLM_JUDGE_BASE_URL',
          field: 'llm.endpoints.judge',
        }),
      }),
    );
    expect(config.requireLlm('researcher').baseUrl).toBe('https://api.example.org/v1');
    expect(entryOf(config.entries, 'llm.endpoints.judge')).toMatchObject({
      value: expect.stringMatching(/^invalid: MOTIV_LLM_JUDGE_BASE_URL/),
      source: 'env',
      envVar: 'MOTIV_LLM_JUDGE_BASE_URL',
    });
  });

  it('reads a settings file written before per-role endpoints as "all roles share the base URL"', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, llm: { baseUrl: 'http://127.0.0.1:3/v1', model: 'm' } }),
    );
    const stored = new SettingsStore(dir).get();
    expect(stored.llm.endpoints).toEqual({
      researcher: null,
      mentor: null,
      judge: null,
      extractor: null,
      embeddings: null,
    });
    const config = loadConfig({ settings: stored, env: {}, dataDir });
    expect(config.requireLlm('mentor').baseUrl).toBe('http://127.0.0.1:3/v1');
  });

  it('refuses an endpoint that is neither http(s) nor local: in the settings file, naming the role', () => {
    const result = SettingsSchema.safeParse({
      schemaVersion: 1,
      llm: { endpoints: { ...settings.llm.endpoints, mentor: 'file:///etc/passwd' } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['llm', 'endpoints', 'mentor']);
  });

  it('doctor probes each role with its own endpoint as that agent reaches it', async () => {
    const server = await startScriptedLlm({ scenario: { name: 'models', models: ['m'], steps: [] } });
    try {
      const config = loadConfig({
        settings: SettingsSchema.parse({
          schemaVersion: 1,
          llm: {
            baseUrl: 'http://127.0.0.1:9/v1',
            endpoints: {
              ...settings.llm.endpoints,
              mentor: 'local:/nowhere/tiny.gguf',
              judge: server.baseUrl,
            },
          },
        }),
        env: {},
        dataDir,
      });
      const dir = tempDir();
      const report = await runDoctor({
        dataDir: dir,
        settingsFile: join(dir, 'settings.json'),
        logFile: join(dir, 'motiv.log'),
        config,
        timeoutMs: 2000,
      });
      const check = (name: string) => report.checks.find((c) => c.name === name);
      expect(check('LLM endpoint (judge)')).toEqual({
        name: 'LLM endpoint (judge)',
        status: 'ok',
        detail: `${server.baseUrl}/models answered`,
      });
      expect(check('LLM endpoint (mentor)')).toMatchObject({
        status: 'fail',
        detail: 'local model /nowhere/tiny.gguf does not exist',
      });
      expect(check('LLM endpoint (researcher)')).toBeUndefined();
      expect(check('LLM endpoint')).toMatchObject({ status: 'fail' });
    } finally {
      await server.stop();
    }
  });
});
