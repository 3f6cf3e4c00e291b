import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../contract/doctor.ts';
import type { IdeatorEstimate } from '../contract/ideator.ts';
import { SettingsSchema } from '../contract/settings.ts';
import { LLM_ROLES } from '../llm/config.ts';
import { AppError } from '../shared/errors.ts';
import {
  DEFAULT_DATA_DIR,
  entryOf,
  expectEntriesToMatch,
  expectEntry,
} from '../test-support/config-entries.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { loadConfig, neo4jAdapterConfig } from './config.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();

const settings = SettingsSchema.parse({
  schemaVersion: 1,
  llm: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' },
  neo4j: { uri: 'bolt://lab:7687', user: 'lab', database: 'ideas' },
});
const dataDir = DEFAULT_DATA_DIR;

describe('the configuration loader', () => {
  it('resolves a local GGUF base URL in one place: requireLlm carries it, doctor shows the file and threads', () => {
    const config = loadConfig({
      settings: SettingsSchema.parse({ schemaVersion: 1, llm: { baseUrl: 'local:/models/tiny.gguf' } }),
      env: { MOTIV_LLM_THREADS: '2' },
      dataDir,
    });
    expect(config.requireLlm('mentor')).toMatchObject({
      local: { path: '/models/tiny.gguf', threads: 2, threadsSource: 'env' },
      model: 'local:tiny.gguf',
    });
    expectEntriesToMatch(config.entries, {
      'llm.baseUrl': { value: 'local:/models/tiny.gguf', source: 'settings' },
    });
    expectEntry(config.entries, 'llm.threads', {
      value: '2',
      source: 'env',
      envVar: 'MOTIV_LLM_THREADS',
    });
  });

  it('takes the settings file when no variable is set, and says so', () => {
    const config = loadConfig({ settings, env: {}, dataDir });
    expect(config.requireLlm('researcher')).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3',
      role: 'researcher',
    });
    expect(config.store).toBe('neo4j');
    expectEntry(config.entries, 'llm.models.mentor', {
      value: 'llama3',
      source: 'settings',
    });
    expectEntriesToMatch(config.entries, {
      'llm.models.embeddings': { value: 'text-embedding-3-small', source: 'default' },
    });
  });

  it('lets environment variables win, names the variable, and never reveals a secret', () => {
    const env = {
      MOTIV_LLM_MODEL: 'gpt-x',
      MOTIV_LLM_JUDGE_MODEL: 'judge-x',
      MOTIV_LLM_API_KEY: 'sk-secret-value',
      MOTIV_NEO4J_PASSWORD: 'pw',
      MOTIV_S2_BASE_URL: 'http://127.0.0.1:9/s2',
    };
    const config = loadConfig({ settings, env, dataDir });
    expect(config.requireLlm('researcher').model).toBe('gpt-x');
    expect(config.requireLlm('judge').model).toBe('judge-x');
    expectEntriesToMatch(config.entries, {
      'llm.models.researcher': { value: 'gpt-x', source: 'env', envVar: 'MOTIV_LLM_MODEL' },
      'llm.models.judge': { value: 'judge-x', envVar: 'MOTIV_LLM_JUDGE_MODEL' },
      'literature.semantic-scholar': { value: 'http://127.0.0.1:9/s2', envVar: 'MOTIV_S2_BASE_URL' },
    });
    expectEntry(config.entries, 'llm.apiKey', {
      value: 'set',
      secret: true,
      source: 'env',
      envVar: 'MOTIV_LLM_API_KEY',
    });
    expect(config.literature().sources[0]).toMatchObject({ baseUrl: 'http://127.0.0.1:9/s2', from: 'env' });
    expect(JSON.stringify(config.entries)).not.toContain('sk-secret-value');
    expect(JSON.stringify(config.entries)).not.toContain('"pw"');
  });

  it('uses the embedded store unless a Neo4j URI is configured', () => {
    const plain = SettingsSchema.parse({ schemaVersion: 1 });
    expect(loadConfig({ settings: plain, env: {}, dataDir }).store).toBe('embedded');
    expect(loadConfig({ settings: plain, env: { MOTIV_NEO4J_URI: 'neo4j://x' }, dataDir }).store).toBe(
      'neo4j',
    );
  });

  it('reads MOTIV_NEO4J_* for the adapter, defaulting the database, and names a URI that is not Bolt/Neo4j', () => {
    const plain = SettingsSchema.parse({ schemaVersion: 1 });
    const env = {
      MOTIV_NEO4J_URI: 'neo4j+s://lab.example:7687',
      MOTIV_NEO4J_USER: 'ada',
      MOTIV_NEO4J_PASSWORD: 's',
    };
    const config = loadConfig({ settings: plain, env, dataDir });
    expect(config.neo4jProblem).toBeNull();
    expect(config.neo4j && neo4jAdapterConfig(config.neo4j)).toEqual({
      uri: 'neo4j+s://lab.example:7687',
      user: 'ada',
      password: 's',
      database: 'neo4j',
    });
    for (const uri of ['http://h:7474', 'not a uri']) {
      const bad = loadConfig({ settings: plain, env: { MOTIV_NEO4J_URI: uri }, dataDir });
      expect(bad.neo4jProblem).toMatchObject({ code: 'VALIDATION', details: { field: 'MOTIV_NEO4J_URI' } });
    }
  });

  it('requireLlm refuses with LLM_NOT_CONFIGURED, saying which setting or variable fixes it', () => {
    const plain = SettingsSchema.parse({ schemaVersion: 1 });
    const none = loadConfig({ settings: plain, env: {}, dataDir });
    expect(() => none.requireLlm('judge')).toThrow(AppError);
    expect(() => none.requireLlm('judge')).toThrow(/configured for the judge.*MOTIV_LLM_BASE_URL/);
    try {
      none.requireLlm('extractor');
    } catch (err) {
      expect(err).toMatchObject({
        code: 'LLM_NOT_CONFIGURED',
        details: { role: 'extractor', field: 'llm.baseUrl', envVar: 'MOTIV_LLM_BASE_URL' },
      });
    }
    const bad = loadConfig({ settings: plain, env: { MOTIV_LLM_BASE_URL: 'ftp://x' }, dataDir });
    expect(() => bad.requireLlm('researcher')).toThrow(
      expect.objectContaining({
        code: 'LLM_NOT_CONFIGURED',
        message: expect.stringContaining('MOTIV_LLM_BASE_URL must use http or https'),
        details: expect.objectContaining({ envVar: 'MOTIV_LLM_BASE_URL' }),
      }),
    );
    // Doctor still loads and shows what is wrong instead of failing as a whole.
    expect(entryOf(bad.entries, 'llm.baseUrl')?.value).toMatch(/^invalid: MOTIV_LLM_BASE_URL/);
    // An API key alone means the OpenAI default endpoint.
    const keyOnly = loadConfig({ settings: plain, env: { MOTIV_LLM_API_KEY: 'k' }, dataDir });
    expect(keyOnly.requireLlm('mentor').baseUrl).toBe('https://api.openai.com/v1');
  });
});

describe('doctor and the agents read the same configuration', () => {
  it('shows the endpoint and per-role models the ideator uses, settings overridden by env', async () => {
    const dir = tempDir();
    const env = {
      MOTIV_DATA_DIR: dir,
      MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1/',
      MOTIV_LLM_MENTOR_MODEL: 'mentor-from-env',
      MOTIV_LLM_EMBEDDINGS_MODEL: 'embed-from-env',
    };
    const core = createCore({ env });
    try {
      core.settings.update({
        llm: {
          baseUrl: 'http://127.0.0.1:8/v1',
          model: 'chat-from-settings',
          models: { researcher: null, mentor: null, judge: 'judge-s', extractor: null, embeddings: null },
        },
      });
      const doctor = await dispatch(core.handlers, 'doctor.run', {}, { transport: 'cli' });
      const estimate = await dispatch(
        core.handlers,
        'ideator.estimate',
        { topic: 't' },
        { transport: 'cli' },
      );
      if (!('result' in doctor) || !('result' in estimate)) throw new Error('a channel failed');
      const report = doctor.result as DoctorReport;
      const { endpoint } = estimate.result as IdeatorEstimate;
      const shown = (key: string): string | null | undefined => entryOf(report.config, key)?.value;

      // What the ideator's client talks to, and with which models …
      expect(endpoint).toMatchObject({
        configured: true,
        baseUrl: 'http://127.0.0.1:9/v1',
        models: { researcher: 'chat-from-settings', mentor: 'mentor-from-env' },
      });
      // … is what doctor shows, value for value.
      expect(shown('llm.baseUrl')).toBe(endpoint.baseUrl);
      expect(shown('llm.models.researcher')).toBe(endpoint.models.researcher);
      expect(shown('llm.models.mentor')).toBe(endpoint.models.mentor);
      expect(entryOf(report.config, 'llm.models.mentor')).toMatchObject({
        source: 'env',
        envVar: 'MOTIV_LLM_MENTOR_MODEL',
      });
      // Every role, as the services get it from requireLlm.
      for (const role of LLM_ROLES) {
        expect(shown(`llm.models.${role}`)).toBe(core.connection().requireLlm(role).model);
      }
      expect(shown('llm.models.judge')).toBe('judge-s');
      expect(shown('llm.models.embeddings')).toBe('embed-from-env');
    } finally {
      await core.close();
    }
  });
});
