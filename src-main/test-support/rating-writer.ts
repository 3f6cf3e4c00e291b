/**
 * Test fixture run as its own process (`node rating-writer.ts <dataDir> <startAtEpochMs> <note>`): waits for
 * the agreed moment, then writes a new rating (baseRevision 0) of idea "id-alpha" by "Ada", as the app would,
 * and prints `ok <revision>` or `error <code>`. Two of these on one data directory: one wins, one gets CONFLICT.
 */
import { AppError } from '../shared/errors.ts';
import { RatingStore } from '../ratings/rating-store.ts';
import { openRatingsDb } from '../ratings/ratings-db.ts';

const [dataDir, startAt, note] = process.argv.slice(2);
if (!dataDir || !startAt || !note)
  throw new Error('usage: rating-writer.ts <dataDir> <startAtEpochMs> <note>');
const { db, file } = openRatingsDb(dataDir);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const rating = new RatingStore(db, file).set({
    ideaId: 'id-alpha',
    rater: 'Ada',
    scores: { novelty: 7 },
    note,
    baseRevision: 0,
  });
  process.stdout.write(`ok ${rating.revision}\n`);
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  process.stdout.write(`error ${err.code}\n`);
} finally {
  db.close();
}
