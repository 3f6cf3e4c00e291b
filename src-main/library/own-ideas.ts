import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openIdeatorDatabase } from '../ideator/session-db.ts';
import type { Idea } from '../ideator/idea-schema.ts';
import type { IdeaOutcome, IdeaPhase, SessionConfig } from '../ideator/types.ts';
import type { LedgerEntry } from '../llm/ledger.ts';

/**
 * The user's own ideas, read from the ideator's file in a handful of whole-table queries (never one per idea):
 * ideas with their session and current version, the mentor turns (rounds and aspects), each idea's last turn
 * (so a new turn re-indexes its transcript), and the ledgers (cost and models per session).
 */

export interface OwnIdeaRow {
  id: string;
  sessionId: string;
  phase: IdeaPhase;
  round: number;
  outcome: IdeaOutcome | null;
  decidedBy: 'mentor' | 'user' | 'limit' | null;
  currentVersion: number;
  graphNodeId: string | null;
  createdAt: string;
  updatedAt: string;
  topic: string;
  config: SessionConfig;
  /** The current version's idea; null while the first draft is being written. */
  idea: Idea | null;
}

export interface OwnIdeas {
  ideas: OwnIdeaRow[];
  /** Mentor aspects per idea, in turn order (one per mentor turn). */
  mentorAspects: Map<string, string[]>;
  /** The idea's newest turn number: moves when its dialogue grows. */
  lastTurn: Map<string, number>;
  /** Every session's ledger, in order. */
  ledgers: Map<string, LedgerEntry[]>;
}

interface IdeaJoinRow {
  id: string;
  session_id: string;
  phase: IdeaPhase;
  round: number;
  outcome: IdeaOutcome | null;
  decided_by: OwnIdeaRow['decidedBy'];
  current_version: number;
  graph_node_id: string | null;
  created_at: string;
  updated_at: string;
  topic: string;
  config: string;
  content: string | null;
}

/** Turn kinds that are the dialogue (tool results and the idea JSON are not searched as transcript). */
const DIALOGUE_KINDS = ['researcher', 'mentor', 'human', 'note'];
/** Per idea, so one runaway transcript cannot bloat the index. */
const TRANSCRIPT_MAX_CHARS = 200_000;

/** Opens the data dir's ideator file for one read and closes it, whatever `read` does. */
export function withIdeatorFile<T>(dataDir: string, read: (db: Database) => T): T {
  const db = openIdeatorDatabase(join(dataDir, 'ideator.sqlite'));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function readOwnIdeas(db: Database): OwnIdeas {
  return db.transaction((): OwnIdeas => {
    const rows = db
      .prepare(
        `SELECT i.id, i.session_id, i.phase, i.round, i.outcome, i.decided_by, i.current_version, i.graph_node_id,
                i.created_at, i.updated_at, s.topic, s.config, v.content
         FROM ideas i JOIN sessions s ON s.id = i.session_id
         LEFT JOIN idea_versions v ON v.idea_id = i.id AND v.version = i.current_version`,
      )
      .all() as IdeaJoinRow[];
    const mentorAspects = new Map<string, string[]>();
    const mentorRows = db
      .prepare(
        `SELECT idea_id AS ideaId, coalesce(json_extract(meta, '$.aspect'), '') AS aspect FROM turns
         WHERE kind = 'mentor' AND idea_id IS NOT NULL ORDER BY session_id, seq`,
      )
      .all() as { ideaId: string; aspect: string }[];
    for (const { ideaId, aspect } of mentorRows) {
      const list = mentorAspects.get(ideaId) ?? [];
      list.push(aspect);
      mentorAspects.set(ideaId, list);
    }
    const lastTurn = new Map(
      (
        db
          .prepare(
            'SELECT idea_id AS ideaId, max(seq) AS seq FROM turns WHERE idea_id IS NOT NULL GROUP BY idea_id',
          )
          .all() as { ideaId: string; seq: number }[]
      ).map((r) => [r.ideaId, r.seq]),
    );
    const ledgers = new Map<string, LedgerEntry[]>();
    for (const row of db
      .prepare('SELECT session_id AS sessionId, entry FROM ledger ORDER BY session_id, seq')
      .all() as {
      sessionId: string;
      entry: string;
    }[]) {
      const list = ledgers.get(row.sessionId) ?? [];
      list.push(JSON.parse(row.entry) as LedgerEntry);
      ledgers.set(row.sessionId, list);
    }
    return {
      ideas: rows.map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        phase: r.phase,
        round: r.round,
        outcome: r.outcome,
        decidedBy: r.decided_by,
        currentVersion: r.current_version,
        graphNodeId: r.graph_node_id,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        topic: r.topic,
        config: JSON.parse(r.config) as SessionConfig,
        idea: r.content === null ? null : (JSON.parse(r.content) as Idea),
      })),
      mentorAspects,
      lastTurn,
      ledgers,
    };
  })();
}

/** The dialogue text of the given ideas, for the search index (one query per call). */
export function readTranscripts(db: Database, ideaIds: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (ideaIds.length === 0) return texts;
  const wanted = db.prepare(
    `SELECT idea_id AS ideaId, content FROM turns
     WHERE idea_id IN (SELECT value FROM json_each(?)) AND kind IN (SELECT value FROM json_each(?))
     ORDER BY session_id, seq`,
  );
  for (const row of wanted.all(JSON.stringify(ideaIds), JSON.stringify(DIALOGUE_KINDS)) as {
    ideaId: string;
    content: string;
  }[]) {
    const before = texts.get(row.ideaId) ?? '';
    if (before.length >= TRANSCRIPT_MAX_CHARS) continue;
    texts.set(row.ideaId, `${before}${before ? '\n' : ''}${row.content}`.slice(0, TRANSCRIPT_MAX_CHARS));
  }
  return texts;
}
