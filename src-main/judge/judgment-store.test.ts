import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JudgmentStore } from './judgment-store.ts';
import type { NewJudgment } from './judgment-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motiv-judgments-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const judgment = (over: Partial<NewJudgment> = {}): NewJudgment => ({
  kind: 'pairwise',
  rubricVersion: 'pairwise.v1',
  model: 'judge-model',
  promptHash: 'abc',
  ideaIds: ['a', 'b'],
  result: { novelty: 'A' },
  promptTokens: 100,
  completionTokens: 20,
  costUsd: 0.001,
  repairs: 0,
  ...over,
});

describe('JudgmentStore', () => {
  it('keys a judgment by kind, rubric version, model and prompt hash', () => {
    const store = new JudgmentStore(join(dir, 'judgments.sqlite'));
    store.put(judgment());
    expect(store.get(judgment())?.result).toEqual({ novelty: 'A' });
    expect(store.get(judgment({ model: 'other' }))).toBeUndefined();
    expect(store.get(judgment({ rubricVersion: 'pairwise.v2' }))).toBeUndefined();
    expect(store.get(judgment({ promptHash: 'abd' }))).toBeUndefined();
    expect(store.get(judgment({ kind: 'direct' }))).toBeUndefined();
    store.close();
  });

  it('keeps the first of two writers storing the same judgment, across connections', () => {
    const path = join(dir, 'judgments.sqlite');
    const first = new JudgmentStore(path);
    const second = new JudgmentStore(path);
    first.put(judgment({ result: { novelty: 'A' } }));
    const kept = second.put(judgment({ result: { novelty: 'B' } }));
    expect(kept.result).toEqual({ novelty: 'A' });
    expect(first.count()).toBe(1);
    first.close();
    second.close();
  });

  it('creates a private file and refuses a damaged one with DATA_CORRUPT', () => {
    const path = join(dir, 'judgments.sqlite');
    new JudgmentStore(path).close();
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0);
    const bad = join(dir, 'bad.sqlite');
    writeFileSync(bad, 'this is not a database, it is a hostile file '.repeat(200));
    expect(() => new JudgmentStore(bad)).toThrow(expect.objectContaining({ code: 'DATA_CORRUPT' }));
  });

  it('opens a file written before stored tournaments (v1) keeping its judgments, and lists tournaments by topic', () => {
    const path = join(dir, 'judgments.sqlite');
    const v1 = new JudgmentStore(path);
    v1.put(judgment());
    v1.close();
    // Roll the file back to v1 as an older app left it: the judgments table only.
    const raw = new Database(path);
    raw.exec('DROP TABLE tournaments');
    raw.pragma('user_version = 1');
    raw.close();

    const first = new JudgmentStore(path);
    const second = new JudgmentStore(path);
    expect(first.count()).toBe(1);
    const standing = {
      id: 'a',
      elo: { novelty: 1016, experiment: 1016, motivation: 1016, feasibility: 1016, clarity: 1016 },
      eloAverage: 1016,
      points: 1,
      byes: 0,
    };
    const tournament = {
      topic: 'T',
      seed: 1,
      rounds: 1,
      k: 32,
      rubricVersion: 'pairwise.v1',
      model: 'judge-model',
      ideaIds: ['a', 'b'],
      standings: [standing],
      history: [],
    };
    first.putTournament({ ...tournament, id: 't1' });
    // A second writer storing the same id keeps the first; another topic stays apart.
    second.putTournament({ ...tournament, id: 't1', seed: 99 });
    second.putTournament({ ...tournament, id: 't2', topic: 'U' });
    expect(first.tournaments('T').map((t) => [t.id, t.seed, t.standings])).toEqual([['t1', 1, [standing]]]);
    expect(
      first
        .tournaments()
        .map((t) => t.id)
        .sort(),
    ).toEqual(['t1', 't2']);
    expect(first.tournament('nope')).toBeUndefined();
    first.close();
    second.close();
  });
});
