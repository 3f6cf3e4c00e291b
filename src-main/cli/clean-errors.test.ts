import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';

const tempDir = useTempDirs();
const BIN = join(import.meta.dirname, 'bin.mjs');

function motiv(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

const STACK_LINE = /^\s+at /m;

describe('every CLI error is one clear line, never a stack trace', () => {
  it('a damaged graph file: names the file, exit 1, the trace in motiv.log under the printed id', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'graph.sqlite'), 'not a database '.repeat(500));
    const { code, stderr } = await motiv(['graph', 'stats'], { MOTIV_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${join(dataDir, 'graph.sqlite')} is not a usable SQLite database`);
    const id = /\(error ([0-9a-f]{8});/.exec(stderr)?.[1];
    expect(id).toBeDefined();
    expect(readFileSync(join(dataDir, 'logs', 'motiv.log'), 'utf8')).toContain(`"errorId":"${id}"`);
  });

  it('a damaged sessions file: the same for ideate', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'ideator.sqlite'), 'not a database '.repeat(500));
    const { code, stderr } = await motiv(['ideate', '--topic', 'graphs', '--ideas', '1'], {
      MOTIV_DATA_DIR: dataDir,
      MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).toContain('ideator.sqlite is not a usable SQLite database');
  });

  it('an unexpected fault (the data directory is a file): one line with an error id, no stack', async () => {
    const notADir = join(tempDir(), 'file');
    writeFileSync(notADir, 'x');
    const { code, stderr } = await motiv(['graph', 'stats'], { MOTIV_DATA_DIR: notADir });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr.trim()).toMatch(/^motiv graph: unexpected error: .*EEXIST.* \(error [0-9a-f]{8}\)$/);
  });
});
