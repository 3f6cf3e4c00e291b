import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../contract/settings.ts';
import { resolveConnectionConfig } from './config.ts';

const settings = SettingsSchema.parse({
  schemaVersion: 1,
  llm: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' },
  neo4j: { uri: 'bolt://lab:7687', user: 'lab', database: 'ideas' },
});
const dataDir = { value: '/data', source: 'default' as const };

describe('connection config', () => {
  it('takes the settings file when no variable is set, and says so', () => {
    const config = resolveConnectionConfig(settings, {}, dataDir);
    expect(config.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: null, model: 'llama3' });
    expect(config.store).toBe('neo4j');
    expect(config.entries.find((e) => e.key === 'llm.model')).toMatchObject({ source: 'settings' });
  });

  it('lets environment variables win and never reveals a secret', () => {
    const env = {
      MOTIV_LLM_MODEL: 'gpt-x',
      MOTIV_LLM_API_KEY: 'sk-secret-value',
      MOTIV_NEO4J_PASSWORD: 'pw',
    };
    const config = resolveConnectionConfig(settings, env, dataDir);
    expect(config.llm.model).toBe('gpt-x');
    expect(config.entries.find((e) => e.key === 'llm.model')).toMatchObject({
      value: 'gpt-x',
      source: 'env',
    });
    expect(config.entries.find((e) => e.key === 'llm.apiKey')).toEqual({
      key: 'llm.apiKey',
      value: 'set',
      secret: true,
      source: 'env',
    });
    expect(JSON.stringify(config.entries)).not.toContain('sk-secret-value');
  });

  it('uses the embedded store unless a Neo4j URI is configured', () => {
    const plain = SettingsSchema.parse({ schemaVersion: 1 });
    expect(resolveConnectionConfig(plain, {}, dataDir).store).toBe('embedded');
    expect(resolveConnectionConfig(plain, { MOTIV_NEO4J_URI: 'neo4j://x' }, dataDir).store).toBe('neo4j');
  });
});
