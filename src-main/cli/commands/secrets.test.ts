import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../core/create-core.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { secretsCommand } from './secrets.ts';
import { recordingIo } from '../../test-support/cli-io.ts';

const tempDir = useTempDirs();
const KEY = 'sk-cli-abcdefghijklmnop0123';

const io = recordingIo;

describe('motiv secrets', () => {
  it('stores a value read from stdin, shows only set / not set, and clears it', async () => {
    const dataDir = tempDir();
    const set = io({ MOTIV_DATA_DIR: dataDir });
    expect(await secretsCommand(['set', 'llm.apiKey'], set, Readable.from([`${KEY}\n`]))).toBe(0);
    expect(set.stdout).toContain('llm.apiKey       set (secret store)');
    expect(set.stdout).toContain('neo4j.password   not set');
    expect(set.stdout).toContain('guards against casual disclosure only');
    expect(set.stdout + set.stderr).not.toContain(KEY);
    expect(createCore({ env: { MOTIV_DATA_DIR: dataDir } }).secrets.get('llm.apiKey')).toBe(KEY);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(KEY);

    const withEnv = io({ MOTIV_DATA_DIR: dataDir, MOTIV_LLM_API_KEY: 'sk-from-env-0000000' });
    expect(await secretsCommand(['status', '--json'], withEnv)).toBe(0);
    expect(JSON.parse(withEnv.stdout)).toMatchObject({
      entries: [{ name: 'llm.apiKey', stored: true, envOverride: true, source: 'env' }, { stored: false }],
    });

    const clear = io({ MOTIV_DATA_DIR: dataDir });
    expect(await secretsCommand(['clear', 'llm.apiKey'], clear)).toBe(0);
    expect(clear.stdout).toContain('llm.apiKey       not set');
  });

  it('asks on a terminal without echo, stores what was typed, and stores nothing on Ctrl+C', async () => {
    const dataDir = tempDir();
    const tty = () => {
      const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
      const screen = new PassThrough();
      let shown = '';
      screen.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
      return { input, screen, shown: () => shown };
    };
    const typed = tty();
    const set = io({ MOTIV_DATA_DIR: dataDir });
    const done = secretsCommand(['set', 'llm.apiKey'], set, typed.input, typed.screen);
    typed.input.write(`${KEY}\r`);
    expect(await done).toBe(0);
    expect(typed.shown()).toBe('llm.apiKey (input hidden): \n');
    expect(set.stdout + set.stderr + typed.shown()).not.toContain(KEY);
    expect(createCore({ env: { MOTIV_DATA_DIR: dataDir } }).secrets.get('llm.apiKey')).toBe(KEY);

    const other = tempDir();
    const cancelled = tty();
    const stopped = io({ MOTIV_DATA_DIR: other });
    const aborted = secretsCommand(['set', 'llm.apiKey'], stopped, cancelled.input, cancelled.screen);
    cancelled.input.write('sk-not-this\u0003');
    expect(await aborted).toBe(130);
    expect(stopped.stderr).toContain('nothing was stored');
    expect(createCore({ env: { MOTIV_DATA_DIR: other } }).secrets.get('llm.apiKey')).toBeNull();
  });

  it('refuses an empty value and an unknown name', async () => {
    const dataDir = tempDir();
    const empty = io({ MOTIV_DATA_DIR: dataDir });
    expect(await secretsCommand(['set', 'llm.apiKey'], empty, Readable.from(['\n']))).toBe(2);
    expect(empty.stderr).toContain('value: must not be empty');
    const unknown = io({ MOTIV_DATA_DIR: dataDir });
    expect(await secretsCommand(['set', 'aws.key'], unknown, Readable.from(['x']))).toBe(2);
    expect(unknown.stderr).toContain('name:');
    await expect(secretsCommand(['rotate'], io({ MOTIV_DATA_DIR: dataDir }))).rejects.toThrow(
      /unknown action/,
    );
  });
});
