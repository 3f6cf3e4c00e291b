import type { Database } from 'better-sqlite3';
import { enableWal, migrateUserVersion, openSqliteFile } from '../shared/sqlite-file.ts';

/**
 * The ideator's own SQLite file (`<dataDir>/ideator.sqlite`), apart from the graph so a lab's Neo4j setup still
 * keeps sessions locally. Migrations are numbered and tracked in `user_version`; each runs in a transaction.
 */

const MIGRATIONS: string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     topic TEXT NOT NULL,
     topic_key TEXT NOT NULL,
     config TEXT NOT NULL,
     status TEXT NOT NULL,
     error TEXT,
     forked_from TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX sessions_topic ON sessions(topic_key);
   CREATE TABLE ideas (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     phase TEXT NOT NULL,
     round INTEGER NOT NULL DEFAULT 0,
     outcome TEXT,
     decided_by TEXT,
     current_version INTEGER NOT NULL DEFAULT 0,
     graph_node_id TEXT,
     graph_synced_version INTEGER NOT NULL DEFAULT 0,
     graph_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (session_id, idx)
   );
   CREATE TABLE turns (
     session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     idea_id TEXT,
     round INTEGER NOT NULL,
     kind TEXT NOT NULL,
     content TEXT NOT NULL,
     tool_calls TEXT NOT NULL DEFAULT '[]',
     tool_call_id TEXT,
     tool_name TEXT,
     meta TEXT NOT NULL DEFAULT '{}',
     created_at TEXT NOT NULL,
     PRIMARY KEY (session_id, seq)
   );
   CREATE INDEX turns_idea ON turns(idea_id, seq);
   CREATE TABLE idea_versions (
     idea_id TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
     version INTEGER NOT NULL,
     content TEXT NOT NULL,
     citations TEXT NOT NULL,
     turn_seq INTEGER NOT NULL,
     repairs INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     PRIMARY KEY (idea_id, version)
   );
   CREATE TABLE ledger (
     session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     entry TEXT NOT NULL,
     PRIMARY KEY (session_id, seq)
   );`,
  // 2: the process running a session, so two processes never drive the same one.
  `ALTER TABLE sessions ADD COLUMN owner TEXT;`,
  // 3: every committed change as a numbered event (per session), so a client catches up with `since(seq)`.
  `ALTER TABLE sessions ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE session_events (
     session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     payload TEXT NOT NULL,
     PRIMARY KEY (session_id, seq)
   );`,
];

export function openIdeatorDatabase(path: string): Database {
  // 0600, busy_timeout first, migrations under BEGIN IMMEDIATE: two processes may open a fresh data dir at once.
  return openSqliteFile(path, (db) => {
    enableWal(db);
    // WAL + NORMAL survives a process crash, which is the failure sessions must outlive.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrateUserVersion(db, MIGRATIONS, path);
  });
}
