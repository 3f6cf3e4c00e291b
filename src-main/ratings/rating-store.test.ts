import { describe, expect, it } from 'vitest';
import { RatingsSetRequestSchema } from '../contract/ratings.ts';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { RatingStore } from './rating-store.ts';
import { openRatingsDb } from './ratings-db.ts';

const tempDir = useTempDirs();

function open(dataDir = tempDir()) {
  const { db, file } = openRatingsDb(dataDir);
  return { db, file, store: new RatingStore(db, file) };
}

/** The rating request `rater` writes on `ideaId` (no note and a first write unless told). */
function rating(ideaId: string, rater: string, scores: Record<string, number>, note = '', baseRevision = 0) {
  return { ideaId, rater, scores, note, baseRevision };
}

describe('the rating store', () => {
  it('keeps one revisioned row per idea per rater, raters apart by name', () => {
    const { db, store } = open();
    const ada = store.set(rating('i1', 'Ada', { novelty: 7 }));
    const bob = store.set(rating('i1', 'Bob', { novelty: 2 }, 'meh'));
    expect([ada.revision, bob.revision]).toEqual([1, 1]);
    const again = store.set(rating('i1', 'Ada', { novelty: 8, clarity: 5 }, 'better on reread', 1));
    expect(again).toMatchObject({
      revision: 2,
      scores: { novelty: 8, clarity: 5 },
      note: 'better on reread',
    });
    expect(store.forIdeas(['i1']).map((r) => [r.rater, r.scores.novelty, r.revision])).toEqual([
      ['Ada', 8, 2],
      ['Bob', 2, 1],
    ]);
    expect(store.forIdeas(['i1'], 'Bob')).toHaveLength(1);
    // The same name typed in another Unicode form is the same rater; another case is someone else.
    const composed = store.set(rating('i2', 'Zoé', { novelty: 1 }));
    expect(store.forIdeas(['i2'], 'Zoe\u0301')).toEqual([composed]);
    expect(store.forIdeas(['i1'], 'ada')).toEqual([]);
    db.close();
  });

  it('refuses a stale write with CONFLICT and the current row, and changes nothing', () => {
    const { db, store } = open();
    store.set(rating('i1', 'Ada', { novelty: 7 }, 'first'));
    const stale = thrownAppError(() => store.set(rating('i1', 'Ada', { novelty: 1 }, 'second')));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details).toMatchObject({
      field: 'baseRevision',
      current: { revision: 1, note: 'first', scores: { novelty: 7 } },
    });
    expect(store.forIdeas(['i1'])[0]).toMatchObject({ revision: 1, note: 'first' });
    db.close();
  });

  it('refuses bad input with typed errors naming the field', () => {
    const { db, store } = open();
    const empty = thrownAppError(() => store.set(rating('i1', 'Ada', {}, '  ')));
    expect(empty).toMatchObject({ code: 'VALIDATION', details: { field: 'scores' } });
    const bad = (payload: object) =>
      RatingsSetRequestSchema.safeParse(payload).error?.issues[0]?.path.join('.');
    const base = { ideaId: 'i1', rater: 'Ada', baseRevision: 0 };
    expect(bad({ ...base, scores: { novelty: 11 } })).toBe('scores.novelty');
    expect(bad({ ...base, scores: { novelty: 6.5 } })).toBe('scores.novelty');
    expect(bad({ ...base, scores: { charm: 3 } })).toBe('scores');
    expect(bad({ ...base, rater: 'A\u0000da', scores: { novelty: 1 } })).toBe('rater');
    expect(bad({ ...base, rater: '   ', scores: { novelty: 1 } })).toBe('rater');
    expect(bad({ ...base, note: 'x'.repeat(10_001), scores: { novelty: 1 } })).toBe('note');
    db.close();
  });

  it('names the file and row of a rating damaged on disk', () => {
    const { db, file, store } = open();
    store.set(rating('i1', 'Ada', { novelty: 7 }));
    db.prepare(`UPDATE ratings SET scores = '{"novelty": 99}'`).run();
    const damaged = thrownAppError(() => store.forIdeas(['i1']));
    expect(damaged).toMatchObject({ code: 'DATA_CORRUPT', details: { file, ideaId: 'i1', rater: 'Ada' } });
    db.close();
  });
});
