import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../contract/settings.ts';
import { DEFAULT_DATA_DIR, expectEntry } from '../test-support/config-entries.ts';
import { loadConfig } from './config.ts';

const dataDir = DEFAULT_DATA_DIR;
const settingsOf = (fields: Record<string, unknown>): ReturnType<typeof SettingsSchema.parse> =>
  SettingsSchema.parse({ schemaVersion: 1, ...fields });
const lab = { uri: 'bolt://lab.example:7687', user: 'lab', database: 'ideas' };

describe('the graph store choice (graph.store)', () => {
  it('keeps an older settings file with a neo4j.uri on Neo4j, and one without on the embedded file', () => {
    // Written before the explicit choice existed: no `graph` section at all.
    const old = loadConfig({ settings: settingsOf({ neo4j: lab }), env: {}, dataDir });
    expect(old.store).toBe('neo4j');
    expect(old.storeSource).toEqual({ value: 'neo4j', source: 'settings' });
    const plain = loadConfig({ settings: settingsOf({}), env: {}, dataDir });
    expect(plain.storeSource).toEqual({ value: 'embedded', source: 'default' });
    expectEntry(plain.entries, 'graph.store', { value: 'embedded', source: 'default' });
  });

  it('follows the explicit choice over what the URI implies: embedded with a lab URI kept for push', () => {
    const config = loadConfig({
      settings: settingsOf({ neo4j: lab, graph: { store: 'embedded' } }),
      env: {},
      dataDir,
    });
    expect(config.store).toBe('embedded');
    expect(config.neo4j?.uri).toBe(lab.uri);
    expectEntry(config.entries, 'graph.store', { value: 'embedded', source: 'settings' });
    const chosen = loadConfig({ settings: settingsOf({ graph: { store: 'neo4j' } }), env: {}, dataDir });
    expect(chosen.store).toBe('neo4j');
    expect(chosen.neo4j).toBeNull();
  });

  it('lets MOTIV_NEO4J_URI win over the Settings choice, and doctor names the variable', () => {
    const config = loadConfig({
      settings: settingsOf({ graph: { store: 'embedded' } }),
      env: { MOTIV_NEO4J_URI: 'neo4j://env-lab:7687' },
      dataDir,
    });
    expect(config.store).toBe('neo4j');
    expectEntry(config.entries, 'graph.store', {
      value: 'neo4j',
      source: 'env',
      envVar: 'MOTIV_NEO4J_URI',
    });
  });

  it('refuses a store that is neither file nor Neo4j, naming the field', () => {
    const result = SettingsSchema.safeParse({ schemaVersion: 1, graph: { store: 'mysql' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['graph', 'store']);
  });
});
