import { describe, expect, it } from 'vitest';
import { pairKey } from '../judge/swiss.ts';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { BlindPairs } from './blind-pairs.ts';
import type { BlindPair } from './blind-pairs.ts';
import { openRatingsDb } from './ratings-db.ts';

const tempDir = useTempDirs();
const TOPIC = 'graph neural networks';

/** Answers pairs until `count` are answered, the alphabetically first idea always winning; returns them. */
function answerPairs(pairs: BlindPairs, rater: string, ids: string[], count: number): BlindPair[] {
  const answered: BlindPair[] = [];
  for (let i = 0; i < count; i++) {
    const pair = pairs.next(TOPIC, rater, ids);
    pairs.answer(pair.pairId, rater, pair.leftId < pair.rightId ? 'left' : 'right');
    answered.push(pair);
  }
  return answered;
}

describe('blind pairs', () => {
  it('run a Swiss tournament per rater: no rematch while one is avoidable, then rematches', () => {
    const { db } = openRatingsDb(tempDir());
    const pairs = new BlindPairs(db);
    const ids = ['a', 'b', 'c', 'd'];
    // 4 ideas: 2 pairs a round; 3 rounds meet all 6 pairs once.
    const first = answerPairs(pairs, 'Ada', ids, 6);
    expect(first.map((p) => p.round)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(new Set(first.map((p) => pairKey(p.leftId, p.rightId))).size).toBe(6);
    const fourth = answerPairs(pairs, 'Ada', ids, 2);
    expect(fourth.map((p) => p.round)).toEqual([4, 4]);
    expect(pairs.answeredCount(TOPIC, 'Ada')).toBe(8);
    db.close();
  });

  it('give the odd idea a bye, each time to one without a bye yet', () => {
    const { db } = openRatingsDb(tempDir());
    const pairs = new BlindPairs(db);
    answerPairs(pairs, 'Ada', ['a', 'b', 'c', 'd', 'e'], 6);
    const byes = db.prepare('SELECT idea_id FROM blind_byes ORDER BY round').pluck().all() as string[];
    expect(byes).toHaveLength(3);
    expect(new Set(byes).size).toBe(3);
    db.close();
  });

  it('keep a pending pair across a restart and across windows, left and right as first shown', () => {
    const dataDir = tempDir();
    const one = openRatingsDb(dataDir);
    const shown = new BlindPairs(one.db).next(TOPIC, 'Ada', ['a', 'b', 'c', 'd']);
    expect(new BlindPairs(one.db).next(TOPIC, 'Ada', ['a', 'b', 'c', 'd'])).toEqual(shown);
    one.db.close();
    const two = openRatingsDb(dataDir);
    expect(new BlindPairs(two.db).next(TOPIC, 'Ada', ['a', 'b', 'c', 'd'])).toEqual(shown);
    two.db.close();
  });

  it('shuffle which idea is on the left', () => {
    const { db } = openRatingsDb(tempDir());
    const sides = new Set<string>();
    // Ada and Bob, Cy… each get round 1 of the same two ideas: the coin decides the side.
    for (const rater of ['Ada', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kim', 'Lu']) {
      sides.add(new BlindPairs(db).next(TOPIC, rater, ['a', 'b']).leftId);
    }
    expect(sides).toEqual(new Set(['a', 'b']));
    const fixed = new BlindPairs(db, () => false).next(TOPIC, 'Mo', ['a', 'b']);
    const unflipped = new BlindPairs(db, () => true).next(TOPIC, 'Ned', ['a', 'b']);
    expect([fixed.leftId, fixed.rightId]).toEqual([unflipped.rightId, unflipped.leftId]);
    db.close();
  });

  it("keep raters apart: another rater's pair is not found, and each rater has their own rounds", () => {
    const { db } = openRatingsDb(tempDir());
    const pairs = new BlindPairs(db);
    const ada = pairs.next(TOPIC, 'Ada', ['a', 'b', 'c', 'd']);
    expect(thrownAppError(() => pairs.answer(ada.pairId, 'Bob', 'left'))).toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'pairId' },
    });
    expect(pairs.next(TOPIC, 'Bob', ['a', 'b', 'c', 'd']).pairId).not.toBe(ada.pairId);
    pairs.answer(ada.pairId, 'Ada', 'left');
    expect(pairs.answeredCount(TOPIC, 'Ada')).toBe(1);
    expect(pairs.answeredCount(TOPIC, 'Bob')).toBe(0);
    expect(pairs.games({ rater: 'Bob' })).toEqual([]);
    db.close();
  });

  it('take the same answer twice as a retry, and refuse a different one with CONFLICT', () => {
    const { db } = openRatingsDb(tempDir());
    const pairs = new BlindPairs(db);
    const pair = pairs.next(TOPIC, 'Ada', ['a', 'b', 'c']);
    pairs.answer(pair.pairId, 'Ada', 'right');
    pairs.answer(pair.pairId, 'Ada', 'right');
    expect(thrownAppError(() => pairs.answer(pair.pairId, 'Ada', 'left'))).toMatchObject({
      code: 'CONFLICT',
      details: { current: { winner: 'right' } },
    });
    expect(pairs.games()).toEqual([
      { rater: 'Ada', topicKey: TOPIC, winnerId: pair.rightId, loserId: pair.leftId },
    ]);
    db.close();
  });

  it('need two ideas', () => {
    const { db } = openRatingsDb(tempDir());
    expect(thrownAppError(() => new BlindPairs(db).next(TOPIC, 'Ada', ['a']))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'topic', found: 1 },
    });
    db.close();
  });
});
