import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BASE_URL,
  DEFAULT_CHAT_MODEL,
  DEFAULT_EMBEDDINGS_MODEL,
  resolveLlmConfig,
  summariseLlmConfig,
} from './config.ts';
import { rejection } from '../test-support/llm-harness.ts';

const KEY = 'sk-test-SECRET-1234567890';

describe('resolveLlmConfig', () => {
  it('uses defaults when nothing is set', () => {
    const config = resolveLlmConfig({}, {});
    expect(config.baseUrl).toBe(DEFAULT_BASE_URL);
    expect(config.models).toEqual({
      researcher: DEFAULT_CHAT_MODEL,
      mentor: DEFAULT_CHAT_MODEL,
      judge: DEFAULT_CHAT_MODEL,
      extractor: DEFAULT_CHAT_MODEL,
      embeddings: DEFAULT_EMBEDDINGS_MODEL,
    });
    expect(config.sources.baseUrl).toBe('default');
    expect(config.sources.apiKey).toBe('default');
    expect(config.apiKey.isSet).toBe(false);
  });

  it('takes settings, and env overrides settings, reporting each source', () => {
    const settings = {
      baseUrl: 'http://localhost:11434/v1/',
      model: 'llama3.1',
      models: { mentor: 'qwen2.5', embeddings: 'nomic-embed-text' },
      apiKey: 'settings-key',
    };
    const fromSettings = resolveLlmConfig(settings, {});
    expect(fromSettings.baseUrl).toBe('http://localhost:11434/v1');
    expect(fromSettings.models).toMatchObject({
      researcher: 'llama3.1',
      mentor: 'qwen2.5',
      embeddings: 'nomic-embed-text',
    });
    expect(fromSettings.sources).toEqual({
      baseUrl: 'settings',
      apiKey: 'secret store',
      models: {
        researcher: 'settings',
        mentor: 'settings',
        judge: 'settings',
        extractor: 'settings',
        embeddings: 'settings',
      },
      envVars: { models: {} },
    });

    const env = {
      MOTIV_LLM_BASE_URL: 'https://api.deepseek.com/v1',
      MOTIV_LLM_API_KEY: KEY,
      MOTIV_LLM_MODEL: 'deepseek-chat',
      MOTIV_LLM_JUDGE_MODEL: 'deepseek-reasoner',
      MOTIV_LLM_EXTRACTOR_MODEL: '   ', // blank counts as unset
    };
    const fromEnv = resolveLlmConfig(settings, env);
    expect(fromEnv.baseUrl).toBe('https://api.deepseek.com/v1');
    expect(fromEnv.apiKey.reveal()).toBe(KEY);
    expect(fromEnv.models).toEqual({
      researcher: 'deepseek-chat',
      mentor: 'deepseek-chat',
      judge: 'deepseek-reasoner',
      extractor: 'deepseek-chat',
      embeddings: 'nomic-embed-text', // the global chat model never becomes the embeddings model
    });
    expect(fromEnv.sources.models).toEqual({
      researcher: 'env',
      mentor: 'env',
      judge: 'env',
      extractor: 'env',
      embeddings: 'settings',
    });
    expect(fromEnv.sources.apiKey).toBe('env');
    // Which variable won, per role: doctor names it (`env:MOTIV_LLM_JUDGE_MODEL`).
    expect(fromEnv.sources.envVars).toEqual({
      baseUrl: 'MOTIV_LLM_BASE_URL',
      apiKey: 'MOTIV_LLM_API_KEY',
      models: {
        researcher: 'MOTIV_LLM_MODEL',
        mentor: 'MOTIV_LLM_MODEL',
        judge: 'MOTIV_LLM_JUDGE_MODEL',
        extractor: 'MOTIV_LLM_MODEL',
      },
    });
  });

  it('never exposes the key when printed, serialised or summarised', () => {
    const config = resolveLlmConfig({ apiKey: KEY }, {});
    expect(JSON.stringify(config)).not.toContain(KEY);
    expect(inspect(config, { depth: 10 })).not.toContain(KEY);
    expect(String(config.apiKey)).toBe('[redacted]');
    const summary = summariseLlmConfig(config);
    expect(summary.apiKeySet).toBe(true);
    expect(JSON.stringify(summary)).not.toContain(KEY);
  });

  it('refuses an unusable base URL naming where it came from, without echoing credentials', async () => {
    const err = await rejection(
      Promise.resolve().then(() => resolveLlmConfig({}, { MOTIV_LLM_BASE_URL: 'not a url' })),
    );
    expect(err).toMatchObject({ code: 'LLM_NOT_CONFIGURED' });
    expect(err.message).toMatch(/MOTIV_LLM_BASE_URL/);
    const ftp = await rejection(
      Promise.resolve().then(() => resolveLlmConfig({ baseUrl: `ftp://user:${KEY}@host/v1` }, {})),
    );
    expect(ftp.message).toMatch(/settings llm.baseUrl must use http/);
    expect(ftp.message).not.toContain(KEY);
  });
});

describe('resolveLlmConfig with a local GGUF file (base URL local:<path>)', () => {
  it('selects the built-in engine: absolute path, one thread by default, roles named after the file', () => {
    const config = resolveLlmConfig({ baseUrl: 'local:models/tiny.gguf', models: { mentor: 'mine' } }, {});
    expect(config.baseUrl).toBe(`local:${resolve('models/tiny.gguf')}`);
    expect(config.local).toEqual({
      path: resolve('models/tiny.gguf'),
      threads: 1,
      threadsSource: 'default',
      maxTokens: null,
    });
    expect(config.models.researcher).toBe('local:tiny.gguf');
    expect(config.models.mentor).toBe('mine');
    expect(config.models.embeddings).toBe(DEFAULT_EMBEDDINGS_MODEL);
    expect(summariseLlmConfig(config).local?.threads).toBe(1);
  });

  it('takes MOTIV_LLM_THREADS and refuses a bad value naming the variable', async () => {
    const env = { MOTIV_LLM_BASE_URL: 'local:/m/x.gguf', MOTIV_LLM_THREADS: '3' };
    const config = resolveLlmConfig({}, env);
    expect(config.local).toEqual({
      path: resolve('/m/x.gguf'),
      threads: 3,
      threadsSource: 'env',
      maxTokens: null,
    });
    expect(resolveLlmConfig({}, { ...env, MOTIV_LLM_MAX_TOKENS: '64' }).local?.maxTokens).toBe(64);
    expect(config.sources.envVars.threads).toBe('MOTIV_LLM_THREADS');
    for (const bad of ['0', 'two', '1.5', '999']) {
      const err = await rejection((async () => resolveLlmConfig({}, { ...env, MOTIV_LLM_THREADS: bad }))());
      expect(err.code).toBe('LLM_NOT_CONFIGURED');
      expect(err.message).toContain('MOTIV_LLM_THREADS');
    }
    // Remote endpoints ignore it.
    expect(resolveLlmConfig({}, { MOTIV_LLM_THREADS: 'two' }).local).toBeUndefined();
  });

  it('refuses local: without a path', async () => {
    const err = await rejection((async () => resolveLlmConfig({ baseUrl: 'local:  ' }, {}))());
    expect(err.code).toBe('LLM_NOT_CONFIGURED');
    expect(err.message).toMatch(/local: without a model file/);
  });
});
