import type { Database } from 'better-sqlite3';
import { RatingScoresSchema } from '../contract/ratings.ts';
import type { Rating, RatingScores } from '../contract/ratings.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Ratings: per idea per rater, 0–10 per dimension and a note, in `ratings.sqlite` (ratings-db.ts). A write is
 * compare-and-set on the row's revision inside an IMMEDIATE transaction, so two lab members' windows, or the
 * app and the CLI, cannot both win from the same starting point: the stale one gets CONFLICT with the current
 * row. Raters are kept apart by their name as typed (Unicode-normalized), never merged.
 */

export interface RatingWrite {
  ideaId: string;
  rater: string;
  scores: RatingScores;
  note: string;
  baseRevision: number;
}

interface Row {
  idea_id: string;
  rater: string;
  scores: string;
  note: string;
  revision: number;
  updated_at: string;
}

/** One spelling per name: the same name typed on two machines is the same rater. */
export const raterName = (name: string): string => name.normalize('NFC').trim();

function toRating(row: Row, file: string): Rating {
  const where = { file, ideaId: row.idea_id, rater: row.rater, field: 'scores' };
  let raw: unknown;
  try {
    raw = JSON.parse(row.scores);
  } catch {
    throw new AppError(
      'DATA_CORRUPT',
      `${file}: the rating of ${row.idea_id} by ${row.rater} is not JSON`,
      where,
    );
  }
  const scores = RatingScoresSchema.safeParse(raw);
  if (!scores.success) {
    throw new AppError(
      'DATA_CORRUPT',
      `${file}: the rating of ${row.idea_id} by ${row.rater} has scores outside 0–10 or unknown dimensions`,
      where,
    );
  }
  return {
    ideaId: row.idea_id,
    rater: row.rater,
    scores: scores.data,
    note: row.note,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export class RatingStore {
  readonly #db: Database;
  readonly #file: string;

  constructor(db: Database, file: string) {
    this.#db = db;
    this.#file = file;
  }

  #row(ideaId: string, rater: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM ratings WHERE idea_id = ? AND rater = ?').get(ideaId, rater) as
      Row | undefined;
  }

  set(write: RatingWrite, now = new Date()): Rating {
    const rater = raterName(write.rater);
    if (Object.values(write.scores).every((s) => s === undefined) && write.note.trim() === '') {
      throw new AppError('VALIDATION', `A rating of ${write.ideaId} needs at least one score or a note`, {
        field: 'scores',
        ideaId: write.ideaId,
      });
    }
    const save = this.#db.transaction((): Row => {
      const current = this.#row(write.ideaId, rater);
      const revision = current?.revision ?? 0;
      if (revision !== write.baseRevision) {
        throw new AppError(
          'CONFLICT',
          `${rater}'s rating of ${write.ideaId} changed elsewhere (you edited revision ${write.baseRevision}, ` +
            `it is now revision ${revision})`,
          {
            field: 'baseRevision',
            ideaId: write.ideaId,
            rater,
            baseRevision: write.baseRevision,
            current: current ? toRating(current, this.#file) : null,
          },
        );
      }
      const row: Row = {
        idea_id: write.ideaId,
        rater,
        scores: JSON.stringify(write.scores),
        note: write.note,
        revision: revision + 1,
        updated_at: now.toISOString(),
      };
      this.#db
        .prepare(
          `INSERT INTO ratings (idea_id, rater, scores, note, revision, updated_at)
           VALUES (@idea_id, @rater, @scores, @note, @revision, @updated_at)
           ON CONFLICT (idea_id, rater) DO UPDATE
             SET scores = @scores, note = @note, revision = @revision, updated_at = @updated_at`,
        )
        .run(row);
      return row;
    });
    return toRating(save.immediate(), this.#file);
  }

  /** The ratings of these ideas (one rater's, or everyone's), by idea then rater. */
  forIdeas(ideaIds: readonly string[], rater?: string): Rating[] {
    if (ideaIds.length === 0) return [];
    const wanted = JSON.stringify(ideaIds);
    const rows = (
      rater === undefined
        ? this.#db
            .prepare(
              'SELECT * FROM ratings WHERE idea_id IN (SELECT value FROM json_each(?)) ORDER BY idea_id, rater',
            )
            .all(wanted)
        : this.#db
            .prepare(
              `SELECT * FROM ratings WHERE idea_id IN (SELECT value FROM json_each(?)) AND rater = ?
               ORDER BY idea_id, rater`,
            )
            .all(wanted, raterName(rater))
    ) as Row[];
    return rows.map((row) => toRating(row, this.#file));
  }
}
