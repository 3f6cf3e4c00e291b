import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openMigratedSqliteFile } from '../shared/sqlite-file.ts';

export const RATINGS_FILE_NAME = 'ratings.sqlite';

/**
 * `<dataDir>/ratings.sqlite`: what people said about the ideas. `ratings` holds one revisioned row per idea per
 * rater; `blind_pairs` the pairs shown to a rater (pending until answered, so a restart keeps them) and
 * `blind_byes` the Swiss byes of each rater's blind tournament on a topic. `answered_seq` numbers answers across
 * all raters, the order human ELO replays them in.
 */
const MIGRATIONS = [
  `CREATE TABLE ratings (
     idea_id TEXT NOT NULL,
     rater TEXT NOT NULL,
     scores TEXT NOT NULL,
     note TEXT NOT NULL,
     revision INTEGER NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (idea_id, rater)
   );
   CREATE TABLE blind_pairs (
     pair_id TEXT PRIMARY KEY,
     topic_key TEXT NOT NULL,
     rater TEXT NOT NULL,
     round INTEGER NOT NULL,
     left_id TEXT NOT NULL,
     right_id TEXT NOT NULL,
     winner_id TEXT,
     answered_seq INTEGER UNIQUE,
     created_at TEXT NOT NULL,
     answered_at TEXT
   );
   CREATE INDEX blind_pairs_rater ON blind_pairs (topic_key, rater, round);
   CREATE TABLE blind_byes (
     topic_key TEXT NOT NULL,
     rater TEXT NOT NULL,
     round INTEGER NOT NULL,
     idea_id TEXT NOT NULL,
     PRIMARY KEY (topic_key, rater, round)
   );`,
];

export function openRatingsDb(dataDir: string): { db: Database; file: string } {
  const file = join(dataDir, RATINGS_FILE_NAME);
  return { db: openMigratedSqliteFile(file, MIGRATIONS), file };
}
