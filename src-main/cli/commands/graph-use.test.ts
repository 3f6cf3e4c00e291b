import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';

const tempDir = useTempDirs();
// Nothing listens on port 1: a lab server that is down.
const DOWN = 'bolt://127.0.0.1:1';

describe('motiv graph use and motiv doctor: the store choice from a terminal', () => {
  it('refuses an unreachable Neo4j unless --force, and doctor names what decided the store', async () => {
    const env = { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' };
    const refused = bufferIo(env);
    expect(await main(['graph', 'use', 'neo4j', '--uri', DOWN], refused)).not.toBe(0);
    expect(refused.stderr()).toContain("Not switched (still on this computer's file)");

    const doctor = async (extra: NodeJS.ProcessEnv = {}): Promise<string> => {
      const io = bufferIo({ ...env, ...extra });
      await main(['doctor'], io);
      return io.stdout();
    };
    expect(await doctor()).toMatch(/graph\.store\s+embedded\s+\[default\]/);

    const forced = bufferIo(env);
    expect(await main(['graph', 'use', 'neo4j', '--uri', DOWN, '--force'], forced)).toBe(0);
    expect(forced.stdout()).toBe(`now using Neo4j at ${DOWN}\n`);
    expect(forced.stderr()).toContain('does not answer yet');
    expect(await doctor()).toMatch(/graph\.store\s+neo4j\s+\[settings\]/);

    expect(await main(['graph', 'use', 'embedded'], bufferIo(env))).toBe(0);
    expect(await doctor()).toMatch(/graph\.store\s+embedded\s+\[settings\]/);
    // The environment wins, and doctor says which variable decided.
    expect(await doctor({ MOTIV_NEO4J_URI: DOWN })).toMatch(/graph\.store\s+neo4j\s+\[env:MOTIV_NEO4J_URI\]/);
    const saved = JSON.parse(readFileSync(join(env.MOTIV_DATA_DIR, 'settings.json'), 'utf8')) as {
      graph: unknown;
      neo4j: unknown;
    };
    expect(saved).toMatchObject({ graph: { store: 'embedded' }, neo4j: { uri: DOWN } });
  });

  it('refuses a store that is neither, and a hostile URI naming the field', async () => {
    const env = { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' };
    const io = bufferIo(env);
    expect(await main(['graph', 'use', 'mysql'], io)).not.toBe(0);
    expect(io.stderr()).toContain('use needs "embedded" or "neo4j"');
    const hostile = bufferIo(env);
    expect(
      await main(['graph', 'use', 'neo4j', '--uri', 'javascript:alert(1)', '--force'], hostile),
    ).not.toBe(0);
    expect(hostile.stderr()).toContain('neo4j.uri');
  });
});
