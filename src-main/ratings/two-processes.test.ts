import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { BlindPairs } from './blind-pairs.ts';
import { RatingStore } from './rating-store.ts';
import { openRatingsDb } from './ratings-db.ts';

/** Two processes on one ratings.sqlite at the same agreed moment (test-support/ratings-child.ts). */

const tempDir = useTempDirs();
const CHILD = join(import.meta.dirname, '../test-support/ratings-child.ts');

function child(mode: 'rate' | 'next-pair', dataDir: string, startAt: number, note = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, [CHILD, mode, dataDir, String(startAt), note], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    run.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(err))));
  });
}

/** Both children started together, told to act 2.5 s from now (after their uneven start-up). */
function together(mode: 'rate' | 'next-pair', dataDir: string): Promise<string[]> {
  openRatingsDb(dataDir).db.close();
  const startAt = Date.now() + 2500;
  return Promise.all([child(mode, dataDir, startAt, 'from one'), child(mode, dataDir, startAt, 'from two')]);
}

describe('ratings.sqlite with two processes', () => {
  it('two writers of the same new rating: one wins, the other gets CONFLICT', async () => {
    const dataDir = tempDir();
    const results = await together('rate', dataDir);
    expect([...results].sort()).toEqual(['error CONFLICT', 'ok 1']);
    const { db, file } = openRatingsDb(dataDir);
    const [row] = new RatingStore(db, file).forIdeas(['id-alpha']);
    expect(row?.revision).toBe(1);
    expect(['from one', 'from two'][results.indexOf('ok 1')]).toBe(row?.note);
    db.close();
  }, 30_000);

  it('two windows asking for the next blind pair at once share one round and one pair', async () => {
    const dataDir = tempDir();
    const [one, two] = await together('next-pair', dataDir);
    expect(one).toMatch(/^pair [0-9a-f-]{36}$/);
    expect(two).toBe(one);
    const { db } = openRatingsDb(dataDir);
    expect(db.prepare('SELECT COUNT(*) FROM blind_pairs').pluck().get()).toBe(2);
    expect(new BlindPairs(db).next('t', 'Ada', ['a', 'b', 'c', 'd']).pairId).toBe(one?.slice('pair '.length));
    db.close();
  }, 30_000);
});
