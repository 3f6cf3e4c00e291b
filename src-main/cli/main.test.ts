import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

const tempDir = useTempDirs();

function bufferIo(env: NodeJS.ProcessEnv): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { env, out: (t) => (out += t), err: (t) => (err += t), stdout: () => out, stderr: () => err };
}

describe('motiv CLI', () => {
  it('prints help listing its commands', async () => {
    const io = bufferIo({});
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout()).toContain('serve');
    expect(io.stdout()).toContain('doctor');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const io = bufferIo({});
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr()).toContain('unknown command "frobnicate"');
  });

  it('doctor --json reports sources and never the secret', async () => {
    const dir = tempDir();
    const io = bufferIo({
      MOTIV_DATA_DIR: dir,
      MOTIV_LLM_API_KEY: 'sk-do-not-print-me',
      MOTIV_LLM_MODEL: 'm1',
      MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    // A key alone means the agents would call OpenAI's endpoint, so doctor probes it like they would: tests stay
    // off the internet, so the endpoint is a closed local port and the exit code (1) is not what this checks.
    await main(['doctor', '--json'], io);
    const report = JSON.parse(io.stdout()) as {
      dataDir: string;
      config: { key: string; source: string; value: string }[];
      checks: { name: string; status: string; detail: string }[];
    };
    expect(report.checks.find((c) => c.name === 'LLM endpoint')?.detail).toContain('127.0.0.1:9/v1');
    expect(report.dataDir).toBe(dir);
    expect(report.config.find((e) => e.key === 'llm.models.researcher')).toMatchObject({
      value: 'm1',
      source: 'env',
    });
    expect(io.stdout()).not.toContain('sk-do-not-print-me');
  });

  it('doctor writes nothing: no per-user app folder is created, and an existing one is left as it was', async () => {
    const fresh = join(tempDir(), 'MotivGraph Studio');
    const io = bufferIo({ MOTIV_DATA_DIR: fresh });
    expect(await main(['doctor'], io)).toBe(0);
    expect(existsSync(fresh)).toBe(false);
    expect(io.stdout()).toContain(
      `OK      data directory: ${fresh} does not exist yet; it is created on first use`,
    );

    const existing = tempDir();
    expect(await main(['doctor'], bufferIo({ MOTIV_DATA_DIR: existing }))).toBe(0);
    expect(readdirSync(existing)).toEqual([]);
  });

  it('doctor fails on a data directory that is a file or cannot be created', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    const io = bufferIo({ MOTIV_DATA_DIR: file });
    expect(await main(['doctor'], io)).toBe(1);
    expect(io.stdout()).toContain(`FAIL    data directory: ${file} is not a directory`);
    const under = bufferIo({ MOTIV_DATA_DIR: join(file, 'data') });
    expect(await main(['doctor'], under)).toBe(1);
    expect(under.stdout()).toContain(`FAIL    data directory: ${join(file, 'data')} cannot be created`);
  });

  it('doctor fails with exit 1 and explains an unreachable LLM endpoint', async () => {
    const io = bufferIo({ MOTIV_DATA_DIR: tempDir(), MOTIV_LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(await main(['doctor'], io)).toBe(1);
    expect(io.stdout()).toMatch(/FAIL\s+LLM endpoint: http:\/\/127\.0\.0\.1:9\/v1\/models: unreachable/);
  });

  it('refuses a bad option with exit code 2', async () => {
    const io = bufferIo({ MOTIV_DATA_DIR: tempDir() });
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(await main(['doctor', '--colour'], io)).toBe(2);
  });

  it('runs as `motiv serve` from the bin script and prints the ready line', async () => {
    const bin = join(import.meta.dirname, 'bin.mjs');
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, MOTIV_DATA_DIR: tempDir() },
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(line).toMatch(/^MotivGraph Studio: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
