import { createHash } from 'node:crypto';
import { MigratedSqliteStore } from '../shared/sqlite-store.ts';
import type { RoundRecord, Standing } from './tournament.ts';

/**
 * Every judgment the judge model made, in `judgments.sqlite` in the data dir, keyed by what determines it
 * (kind, rubric version, model, prompt hash; temperature is always 0) so the same question is answered from
 * here and never paid twice, also after a crash mid-tournament. Rows are only ever inserted.
 */

export type JudgmentKind = 'direct' | 'pairwise';

export interface JudgmentIdentity {
  kind: JudgmentKind;
  rubricVersion: string;
  model: string;
  promptHash: string;
}

export interface StoredJudgment extends JudgmentIdentity {
  key: string;
  /** The ideas judged, in prompt order (one for direct, A then B for pairwise). */
  ideaIds: string[];
  /** The validated structured reply. */
  result: unknown;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Repair turns the reply needed. */
  repairs: number;
  createdAt: string;
}

export type NewJudgment = Omit<StoredJudgment, 'key' | 'createdAt'>;

const MIGRATIONS = [
  `CREATE TABLE judgments (
     key TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     rubric_version TEXT NOT NULL,
     model TEXT NOT NULL,
     prompt_hash TEXT NOT NULL,
     idea_ids TEXT NOT NULL,
     result TEXT NOT NULL,
     prompt_tokens INTEGER NOT NULL,
     completion_tokens INTEGER NOT NULL,
     cost_usd REAL NOT NULL,
     repairs INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX judgments_kind ON judgments (kind, created_at);`,
  // v2: finished tournaments with their id, listable by topic (judge.tournaments); the pairs stay in judgments.
  `CREATE TABLE tournaments (
     id TEXT PRIMARY KEY,
     topic TEXT NOT NULL,
     seed INTEGER NOT NULL,
     rounds INTEGER NOT NULL,
     k REAL NOT NULL,
     rubric_version TEXT NOT NULL,
     model TEXT NOT NULL,
     idea_ids TEXT NOT NULL,
     standings TEXT NOT NULL,
     history TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX tournaments_topic ON tournaments (topic, created_at);`,
];

/** A finished tournament as stored: what was run and its final standings and rounds. */
export interface StoredTournament {
  id: string;
  topic: string;
  seed: number;
  rounds: number;
  k: number;
  rubricVersion: string;
  model: string;
  ideaIds: string[];
  standings: Standing[];
  history: RoundRecord[];
  createdAt: string;
}

interface TournamentRow {
  id: string;
  topic: string;
  seed: number;
  rounds: number;
  k: number;
  rubric_version: string;
  model: string;
  idea_ids: string;
  standings: string;
  history: string;
  created_at: string;
}

/** The columns a judgment and a tournament share: which rubric and model judged which ideas, and when. */
type JudgedColumns = Pick<TournamentRow, 'rubric_version' | 'model' | 'idea_ids' | 'created_at'>;

function judgedFields(
  row: JudgedColumns,
): Pick<StoredTournament, 'rubricVersion' | 'model' | 'ideaIds' | 'createdAt'> {
  return {
    rubricVersion: row.rubric_version,
    model: row.model,
    ideaIds: JSON.parse(row.idea_ids) as string[],
    createdAt: row.created_at,
  };
}

function tournamentFromRow(row: TournamentRow): StoredTournament {
  const { id, topic, seed, rounds, k } = row;
  return {
    id,
    topic,
    seed,
    rounds,
    k,
    ...judgedFields(row),
    standings: JSON.parse(row.standings) as Standing[],
    history: JSON.parse(row.history) as RoundRecord[],
  };
}

interface Row {
  key: string;
  kind: JudgmentKind;
  rubric_version: string;
  model: string;
  prompt_hash: string;
  idea_ids: string;
  result: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
  repairs: number;
  created_at: string;
}

export function judgmentKey(identity: JudgmentIdentity): string {
  const { kind, rubricVersion, model, promptHash } = identity;
  return createHash('sha256')
    .update(JSON.stringify([kind, rubricVersion, model, promptHash]))
    .digest('hex');
}

function fromRow(row: Row): StoredJudgment {
  const { key, kind, repairs } = row;
  return {
    key,
    kind,
    ...judgedFields(row),
    promptHash: row.prompt_hash,
    result: JSON.parse(row.result) as unknown,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    costUsd: row.cost_usd,
    repairs,
  };
}

export class JudgmentStore extends MigratedSqliteStore {
  constructor(path: string) {
    super(path, MIGRATIONS);
  }

  get(identity: JudgmentIdentity): StoredJudgment | undefined {
    const row = this.db.prepare('SELECT * FROM judgments WHERE key = ?').get(judgmentKey(identity)) as
      Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /**
   * Stores a judgment; when another writer stored the same one first, theirs is kept and returned (both were
   * paid for, but every reader from now on sees one answer).
   */
  put(judgment: NewJudgment): StoredJudgment {
    const key = judgmentKey(judgment);
    this.db
      .prepare(
        `INSERT OR IGNORE INTO judgments (key, kind, rubric_version, model, prompt_hash, idea_ids, result,
           prompt_tokens, completion_tokens, cost_usd, repairs, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key,
        judgment.kind,
        judgment.rubricVersion,
        judgment.model,
        judgment.promptHash,
        JSON.stringify(judgment.ideaIds),
        JSON.stringify(judgment.result),
        judgment.promptTokens,
        judgment.completionTokens,
        judgment.costUsd,
        judgment.repairs,
        new Date().toISOString(),
      );
    const stored = this.get(judgment);
    if (!stored) throw new Error(`judgment ${key} vanished after insert`);
    return stored;
  }

  /** Drops a stored judgment that no longer validates (a hand-edited or damaged row), so it can be asked again. */
  remove(identity: JudgmentIdentity): void {
    this.db.prepare('DELETE FROM judgments WHERE key = ?').run(judgmentKey(identity));
  }

  /** Judgments of a kind that involve any of the given ideas, newest first. */
  forIdeas(kind: JudgmentKind, ideaIds: readonly string[]): StoredJudgment[] {
    const wanted = new Set(ideaIds);
    const rows = this.db
      .prepare('SELECT * FROM judgments WHERE kind = ? ORDER BY created_at DESC')
      .all(kind) as Row[];
    return rows.map(fromRow).filter((j) => j.ideaIds.some((id) => wanted.has(id)));
  }

  /** Records a finished tournament; the same id twice keeps the first (a replay is the same tournament). */
  putTournament(tournament: Omit<StoredTournament, 'createdAt'>): StoredTournament {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO tournaments (id, topic, seed, rounds, k, rubric_version, model, idea_ids, standings,
           history, created_at)
         VALUES (@id, @topic, @seed, @rounds, @k, @rubricVersion, @model, @ideaIds, @standings, @history, @createdAt)`,
      )
      .run({
        ...tournament,
        ideaIds: JSON.stringify(tournament.ideaIds),
        standings: JSON.stringify(tournament.standings),
        history: JSON.stringify(tournament.history),
        createdAt: new Date().toISOString(),
      });
    const stored = this.tournament(tournament.id);
    if (!stored) throw new Error(`tournament ${tournament.id} vanished after insert`);
    return stored;
  }

  tournament(id: string): StoredTournament | undefined {
    const row = this.db.prepare('SELECT * FROM tournaments WHERE id = ?').get(id) as
      TournamentRow | undefined;
    return row ? tournamentFromRow(row) : undefined;
  }

  /** Stored tournaments, newest first; only those on `topic` when given. */
  tournaments(topic?: string): StoredTournament[] {
    const rows = (
      topic === undefined
        ? this.db.prepare('SELECT * FROM tournaments ORDER BY created_at DESC, id').all()
        : this.db.prepare('SELECT * FROM tournaments WHERE topic = ? ORDER BY created_at DESC, id').all(topic)
    ) as TournamentRow[];
    return rows.map(tournamentFromRow);
  }

  /** Moves whenever a judgment or tournament is stored or dropped: readers cache what they derive by it. */
  stamp(): string {
    const of = (table: 'judgments' | 'tournaments'): unknown[] =>
      Object.values(
        this.db.prepare(`SELECT count(*) AS n, max(created_at) AS newest FROM ${table}`).get() as object,
      );
    return JSON.stringify([of('judgments'), of('tournaments')]);
  }

  count(kind?: JudgmentKind): number {
    const sql =
      kind === undefined ? 'SELECT COUNT(*) FROM judgments' : 'SELECT COUNT(*) FROM judgments WHERE kind = ?';
    const statement = this.db.prepare(sql).pluck();
    return (kind === undefined ? statement.get() : statement.get(kind)) as number;
  }
}
