/**
 * Test fixture run as its own process (`node ratings-child.ts <rate|next-pair> <dataDir> <startAtEpochMs> [note]`):
 * waits for the agreed moment, then does one write to ratings.sqlite as the app would, and prints the outcome:
 * - `rate`: a new rating (baseRevision 0) of "id-alpha" by "Ada" → `ok <revision>` or `error <code>`;
 * - `next-pair`: Ada's next blind pair among ideas a–d on topic "t" → `pair <pairId>`.
 * Two at once on one data directory: one rating wins and one gets CONFLICT; both askers get the same pair.
 */
import { AppError } from '../shared/errors.ts';
import { BlindPairs } from '../ratings/blind-pairs.ts';
import { RatingStore } from '../ratings/rating-store.ts';
import { openRatingsDb } from '../ratings/ratings-db.ts';

const [mode, dataDir, startAt, note = ''] = process.argv.slice(2);
if ((mode !== 'rate' && mode !== 'next-pair') || !dataDir || !startAt) {
  throw new Error('usage: ratings-child.ts <rate|next-pair> <dataDir> <startAtEpochMs> [note]');
}
const { db, file } = openRatingsDb(dataDir);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  if (mode === 'next-pair') {
    process.stdout.write(`pair ${new BlindPairs(db).next('t', 'Ada', ['a', 'b', 'c', 'd']).pairId}\n`);
  } else {
    const rating = new RatingStore(db, file).set({
      ideaId: 'id-alpha',
      rater: 'Ada',
      scores: { novelty: 7 },
      note,
      baseRevision: 0,
    });
    process.stdout.write(`ok ${rating.revision}\n`);
  }
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  process.stdout.write(`error ${err.code}\n`);
} finally {
  db.close();
}
