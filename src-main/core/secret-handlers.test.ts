import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { ideateCommand } from '../cli/commands/ideate.ts';
import { scenarioFile } from '../test-support/ideator-harness.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';
import { OFFLINE_LITERATURE_ENV, recordingIo } from '../test-support/cli-io.ts';
import { channelCaller } from '../test-support/core-calls.ts';

const tempDir = useTempDirs();
const KEY = 'sk-live-abcdefghijklmnop0123';
const startLlm = stopAfterEach(startScriptedLlm);
let llm: ScriptedLlm | undefined;

/** Every file under the data directory, concatenated: a stored secret must appear in none of them in clear. */
function everything(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('secrets channels', () => {
  it('store a key, report only set / not set, and feed it to doctor with the right source', async () => {
    const dataDir = tempDir();
    const core = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    const before = await dispatch(core.handlers, 'secrets.status', {}, { transport: 'ipc' });
    expect(before).toMatchObject({
      result: {
        protection: 'none',
        entries: [
          { name: 'llm.apiKey', stored: false, source: null, envVar: 'MOTIV_LLM_API_KEY' },
          { name: 'neo4j.password', stored: false, source: null },
        ],
      },
    });
    const set = await dispatch(
      core.handlers,
      'secrets.set',
      { name: 'llm.apiKey', value: ` ${KEY}\n` },
      { transport: 'ipc' },
    );
    expect(JSON.stringify(set)).not.toContain(KEY);
    expect(set).toMatchObject({
      result: {
        protection: 'key-file',
        entries: [{ name: 'llm.apiKey', stored: true, source: 'secret store' }, { stored: false }],
      },
    });
    expect(core.secrets.get('llm.apiKey')).toBe(KEY); // trimmed at the boundary

    const doctor = await dispatch(core.handlers, 'doctor.run', {}, { transport: 'ipc' });
    expect(doctor).toMatchObject({
      result: {
        config: expect.arrayContaining([
          { key: 'llm.apiKey', value: 'set', secret: true, source: 'secret store' },
          { key: 'neo4j.password', value: null, secret: true, source: 'default' },
        ]),
      },
    });
    expect(JSON.stringify(doctor)).not.toContain(KEY);

    // The value reaches no file in clear: not settings.json, not the log.
    core.logger.info('a message that happens to quote the key', { echoed: `Bearer ${KEY}` });
    await core.close();
    expect(everything(dataDir)).not.toContain(KEY);

    const cleared = await dispatch(
      core.handlers,
      'secrets.clear',
      { name: 'llm.apiKey' },
      { transport: 'ipc' },
    );
    expect(cleared).toMatchObject({
      result: { entries: [{ name: 'llm.apiKey', stored: false, source: null }, { stored: false }] },
    });
  });

  it('lets the environment win over a stored secret, and says so', async () => {
    const dataDir = tempDir();
    createCore({ env: { MOTIV_DATA_DIR: dataDir } }).secrets.set('neo4j.password', 'stored-pw');
    const core = createCore({ env: { MOTIV_DATA_DIR: dataDir, MOTIV_NEO4J_PASSWORD: 'env-pw' } });
    const status = await dispatch(core.handlers, 'secrets.status', {}, { transport: 'http' });
    expect(status).toMatchObject({
      result: { entries: [{}, { name: 'neo4j.password', stored: true, envOverride: true, source: 'env' }] },
    });
    expect(core.connection().neo4j).toBeNull(); // no URI: the password alone does not select Neo4j
    const entry = core.connection().entries.find((e) => e.key === 'neo4j.password');
    expect(entry).toEqual({
      key: 'neo4j.password',
      value: 'set',
      secret: true,
      source: 'env',
      envVar: 'MOTIV_NEO4J_PASSWORD',
    });
  });

  it('refuses an empty value and an unknown name at the boundary, without echoing the value', async () => {
    const call = channelCaller(createCore({ env: { MOTIV_DATA_DIR: tempDir() } }));
    const empty = await call('secrets.set', { name: 'llm.apiKey', value: '  ' });
    expect(empty).toMatchObject({ error: { code: 'VALIDATION', details: { issues: [{ path: 'value' }] } } });
    const unknown = await call('secrets.set', { name: 'aws.secret', value: 'AKIA-very-secret' });
    expect(unknown).toMatchObject({ error: { code: 'VALIDATION', details: { issues: [{ path: 'name' }] } } });
    expect(JSON.stringify(unknown)).not.toContain('AKIA-very-secret');
  });

  it('gives the stored key to `motiv ideate`, which authenticates with it', async () => {
    const run = async (dataDir: string) => {
      const cli = recordingIo({
        MOTIV_DATA_DIR: dataDir,
        MOTIV_LLM_BASE_URL: llm?.baseUrl ?? '',
        MOTIV_LLM_MODEL: 'scripted-chat',
        ...OFFLINE_LITERATURE_ENV,
      });
      const code = await ideateCommand(
        ['--topic', 'LLM research ideation', '--ideas', '1', '--no-mentor'],
        cli,
      );
      return { code, stderr: cli.stderr };
    };
    // Without the key the server answers 401 and the run fails; with the stored key it completes.
    llm = await startLlm({ apiKey: KEY, scenario: scenarioFile('no-mentor') });
    const without = await run(tempDir());
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/401|auth/i);
    await llm.stop();

    llm = await startLlm({ apiKey: KEY, scenario: scenarioFile('no-mentor') });
    const dataDir = tempDir();
    createCore({ env: { MOTIV_DATA_DIR: dataDir } }).secrets.set(
      'llm.apiKey',
      KEY,
      new URL(llm.baseUrl).origin,
    );
    const withKey = await run(dataDir);
    expect(withKey.stderr).not.toContain(KEY);
    expect(withKey.code).toBe(0);
  });
});
