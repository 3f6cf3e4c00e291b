import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIdeatorDatabase } from '../ideator/session-db.ts';
import { MiningDb } from '../mining/mining-db.ts';
import { openGraphDatabase } from '../graph/embedded/open-database.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { AppError } from './errors.ts';

const tempDir = useTempDirs();
const FIXTURE = join(import.meta.dirname, '../test-support/open-every-store.ts');

function run(dataDir: string, startAt: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIXTURE, dataDir, String(startAt)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe('the app’s SQLite files', () => {
  it('survive two processes opening a fresh data directory at once (8 pairs)', async () => {
    const pairs = Array.from({ length: 8 }, () => tempDir());
    // All 16 processes open their files at the same agreed moment, after their (slow, uneven) start-up.
    const startAt = Date.now() + 4000;
    const results = await Promise.all(pairs.flatMap((dir) => [run(dir, startAt), run(dir, startAt)]));
    const failures = results
      .filter((r) => r.code !== 0)
      .map((r) => r.stderr.split('\n').slice(0, 3).join(' '));
    expect(failures).toEqual([]);
  }, 60_000);

  it('are created 0600, -wal and -shm included, and a loose one is tightened', () => {
    const dataDir = tempDir();
    const ideator = openIdeatorDatabase(join(dataDir, 'ideator.sqlite'));
    const mining = MiningDb.open(dataDir);
    const graph = openGraphDatabase(join(dataDir, 'graph.sqlite'));
    ideator.exec(
      `INSERT INTO sessions (id, topic, topic_key, config, status, error, forked_from, created_at, updated_at)
       VALUES ('s', 't', 't', '{}', 'done', NULL, NULL, 'a', 'a')`,
    );
    const files = readdirSync(dataDir).filter((name) => name.includes('.sqlite'));
    expect(files).toEqual(
      expect.arrayContaining(['ideator.sqlite-wal', 'ideator.sqlite-shm', 'graph.sqlite']),
    );
    for (const name of files) expect([name, modeOf(join(dataDir, name))]).toEqual([name, 0o600]);
    ideator.close();
    mining.close();
    graph.close();

    chmodSync(join(dataDir, 'ideator.sqlite'), 0o644);
    openIdeatorDatabase(join(dataDir, 'ideator.sqlite')).close();
    expect(modeOf(join(dataDir, 'ideator.sqlite'))).toBe(0o600);
  });

  it('that are damaged give a clear DATA_CORRUPT error naming the file', () => {
    const dataDir = tempDir();
    for (const [name, open] of [
      ['ideator.sqlite', () => openIdeatorDatabase(join(dataDir, 'ideator.sqlite'))],
      ['mining.sqlite', () => MiningDb.open(dataDir)],
      ['graph.sqlite', () => openGraphDatabase(join(dataDir, 'graph.sqlite'))],
    ] as const) {
      writeFileSync(join(dataDir, name), 'this is not a database, just text '.repeat(200));
      let caught: unknown;
      try {
        open();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: 'DATA_CORRUPT', details: { file: join(dataDir, name) } });
    }
  });
});
