import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import type { CliIo } from '../io.ts';
import { serveCommand } from './serve.ts';

const tempDir = useTempDirs();

/** Runs `motiv serve` until it prints its URL, then stops it; resolves with the port it used. */
async function serveOnce(env: NodeJS.ProcessEnv, args: string[] = []): Promise<number> {
  const stop = new AbortController();
  let printed: (port: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (printed = resolve));
  const io: CliIo = {
    env,
    err: () => undefined,
    out: (text) => {
      const port = /127\.0\.0\.1:(\d+)\//.exec(text)?.[1];
      if (port) printed(Number(port));
    },
  };
  const run = serveCommand(args, io, stop.signal);
  const port = await Promise.race([ready, run.then(() => -1)]);
  stop.abort();
  await run;
  return port;
}

describe('motiv serve port', () => {
  it('serves on the same port run after run, a free one when it is taken, and any with --port 0', async () => {
    const dataDir = tempDir();
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    const env = { MOTIV_DATA_DIR: dataDir, MOTIV_STATIC_DIR: staticDir };

    const first = await serveOnce(env);
    expect(first).toBeGreaterThan(0);
    expect(await serveOnce(env)).toBe(first);

    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(first, '127.0.0.1', resolve));
    try {
      const moved = await serveOnce(env);
      expect(moved).not.toBe(first);
      expect(moved).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    const remembered = await serveOnce(env);
    expect(await serveOnce(env, ['--port', '0'])).not.toBe(remembered);
    expect(await serveOnce(env)).toBe(remembered);
  });
});
