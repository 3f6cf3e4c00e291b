import type { Database } from 'better-sqlite3';
import type { LedgerEntry } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import type { Citation } from './citations.ts';
import type { Idea } from './idea-schema.ts';
import type { Owner } from './ownership.ts';
import { SessionChangeLog } from './session-changes.ts';
import { openIdeatorDatabase } from './session-db.ts';
import { toIdea, toSession, toTurn, toVersion } from './session-rows.ts';
import type { IdeaRow, SessionRow, TurnRow, VersionRow } from './session-rows.ts';
import type {
  ForkOrigin,
  IdeaPhase,
  SessionChange,
  UnnumberedChange,
  IdeaRecord,
  IdeaVersionRecord,
  SessionConfig,
  SessionRecord,
  SessionStatus,
  TurnRecord,
} from './types.ts';

/**
 * Typed reads and writes over ideator.sqlite. Callers group writes with `tx` so a turn and the phase change it
 * causes commit together: after a crash the file holds either both or neither.
 *
 * Every write a client can see (status, idea, version, turn, ledger entry) also records a numbered change in
 * the same transaction (session-changes.ts); a rolled-back transaction drops its own, so no event is ever sent
 * for a change the file does not hold.
 */

export type NewTurn = Omit<TurnRecord, 'seq' | 'createdAt' | 'sessionId'>;

export const topicKey = (topic: string): string =>
  topic.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const now = (): string => new Date().toISOString();

export class SessionStore {
  readonly db: Database;
  readonly path: string;

  readonly #changes: SessionChangeLog;

  constructor(path: string) {
    this.path = path;
    this.db = openIdeatorDatabase(path);
    this.#changes = new SessionChangeLog(this.db);
  }

  tx<T>(run: () => T): T {
    const mark = this.#changes.mark();
    try {
      return this.db.transaction(run).immediate();
    } catch (err) {
      this.#changes.rollbackTo(mark);
      throw err;
    }
  }

  /** The changes committed since the last drain, in order; call it after (never inside) a transaction. */
  drain(): SessionChange[] {
    return this.#changes.drain();
  }

  /** Numbers a change and stores it, inside the caller's transaction (or its own). */
  #record(change: UnnumberedChange): void {
    this.tx(() => this.#changes.record(change));
  }

  /** The number of the session's latest change (0 before any). */
  changeSeq(sessionId: string): number {
    return this.#changes.latest(sessionId);
  }

  /** The session's changes numbered after `afterSeq`, at most `limit`, oldest first. */
  changesAfter(sessionId: string, afterSeq: number, limit: number): SessionChange[] {
    return this.#changes.after(sessionId, afterSeq, limit);
  }

  /** Runs reads in one read transaction: what they return is one moment of the file. */
  read<T>(run: () => T): T {
    return this.db.transaction(run).deferred();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  createSession(id: string, config: SessionConfig, forkedFrom: ForkOrigin | null): SessionRecord {
    return this.tx(() => {
      this.#insertSession(id, config, forkedFrom);
      this.#record({ type: 'status', sessionId: id, status: 'running', error: null });
      return this.session(id);
    });
  }

  #insertSession(id: string, config: SessionConfig, forkedFrom: ForkOrigin | null): void {
    const at = now();
    this.db
      .prepare(
        `INSERT INTO sessions (id, topic, topic_key, config, status, forked_from, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(
        id,
        config.topic,
        topicKey(config.topic),
        JSON.stringify(config),
        forkedFrom ? JSON.stringify(forkedFrom) : null,
        at,
        at,
      );
  }

  session(id: string): SessionRecord {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No ideation session ${id}`);
    return toSession(row);
  }

  sessions(): SessionRecord[] {
    return (this.db.prepare('SELECT * FROM sessions ORDER BY created_at DESC, id').all() as SessionRow[]).map(
      toSession,
    );
  }

  owner(id: string): Owner | null {
    const text = this.db.prepare('SELECT owner FROM sessions WHERE id = ?').pluck().get(id) as
      string | null | undefined;
    return text ? (JSON.parse(text) as Owner) : null;
  }

  setOwner(id: string, owner: Owner | null): void {
    this.db
      .prepare('UPDATE sessions SET owner = ? WHERE id = ?')
      .run(owner ? JSON.stringify(owner) : null, id);
  }

  /** Extends this run's lease; false when another process has taken the session over (its token differs). */
  renewLease(id: string, owner: Owner): boolean {
    const changed = this.db
      .prepare(`UPDATE sessions SET owner = ? WHERE id = ? AND json_extract(owner, '$.token') = ?`)
      .run(JSON.stringify(owner), id, owner.token ?? '').changes;
    return changed === 1;
  }

  /** Clears the owner only if it is still this run's lease, never one a later owner holds. */
  releaseLease(id: string, token: string): void {
    this.db
      .prepare(`UPDATE sessions SET owner = NULL WHERE id = ? AND json_extract(owner, '$.token') = ?`)
      .run(id, token);
  }

  setStatus(id: string, status: SessionStatus, error: SessionRecord['error'] = null): void {
    this.tx(() => {
      this.db
        .prepare('UPDATE sessions SET status = ?, error = ?, updated_at = ? WHERE id = ?')
        .run(status, error ? JSON.stringify(error) : null, now(), id);
      this.#record({ type: 'status', sessionId: id, status, error });
    });
  }

  createIdea(id: string, sessionId: string, index: number, phase: IdeaPhase): IdeaRecord {
    return this.tx(() => {
      const at = now();
      this.db
        .prepare(
          `INSERT INTO ideas (id, session_id, idx, phase, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, sessionId, index, phase, at, at);
      const idea = this.idea(id);
      this.#record({ type: 'idea', sessionId, idea });
      return idea;
    });
  }

  idea(id: string): IdeaRecord {
    const row = this.db.prepare('SELECT * FROM ideas WHERE id = ?').get(id) as IdeaRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No idea ${id}`);
    return toIdea(row);
  }

  ideas(sessionId: string): IdeaRecord[] {
    return (
      this.db.prepare('SELECT * FROM ideas WHERE session_id = ? ORDER BY idx').all(sessionId) as IdeaRow[]
    ).map(toIdea);
  }

  updateIdea(
    id: string,
    patch: Partial<
      Pick<
        IdeaRecord,
        'phase' | 'round' | 'outcome' | 'decidedBy' | 'currentVersion' | 'graphNodeId' | 'graphError'
      >
    >,
  ): IdeaRecord {
    const columns: Record<string, string> = {
      phase: 'phase',
      round: 'round',
      outcome: 'outcome',
      decidedBy: 'decided_by',
      currentVersion: 'current_version',
      graphNodeId: 'graph_node_id',
      graphError: 'graph_error',
    };
    const keys = Object.keys(patch).filter((k) => k in columns);
    const sets = keys.map((k) => `${columns[k]} = @${k}`);
    return this.tx(() => {
      this.db
        .prepare(`UPDATE ideas SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`)
        .run({ ...patch, at: now(), id });
      const idea = this.idea(id);
      this.#record({ type: 'idea', sessionId: idea.sessionId, idea });
      return idea;
    });
  }

  graphSyncedVersion(ideaId: string): number {
    return this.db
      .prepare('SELECT graph_synced_version FROM ideas WHERE id = ?')
      .pluck()
      .get(ideaId) as number;
  }

  setGraphSynced(ideaId: string, version: number): void {
    this.db.prepare('UPDATE ideas SET graph_synced_version = ? WHERE id = ?').run(version, ideaId);
  }

  lastSeq(sessionId: string): number {
    const max = this.db.prepare('SELECT MAX(seq) FROM turns WHERE session_id = ?').pluck().get(sessionId);
    return (max as number | null) ?? 0;
  }

  appendTurn(sessionId: string, turn: NewTurn): TurnRecord {
    return this.tx(() => {
      const committed = this.#insertTurn(sessionId, turn);
      this.#record({ type: 'turn', sessionId, turn: committed });
      return committed;
    });
  }

  #insertTurn(sessionId: string, turn: NewTurn): TurnRecord {
    const seq = this.lastSeq(sessionId) + 1;
    this.db
      .prepare(
        `INSERT INTO turns (session_id, seq, idea_id, round, kind, content, tool_calls, tool_call_id, tool_name, meta, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sessionId,
        seq,
        turn.ideaId,
        turn.round,
        turn.kind,
        turn.content,
        JSON.stringify(turn.toolCalls),
        turn.toolCallId,
        turn.toolName,
        JSON.stringify(turn.meta),
        now(),
      );
    this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(now(), sessionId);
    const row = this.db
      .prepare('SELECT * FROM turns WHERE session_id = ? AND seq = ?')
      .get(sessionId, seq) as TurnRow;
    return toTurn(row);
  }

  turns(sessionId: string, ideaId?: string): TurnRecord[] {
    const rows =
      ideaId === undefined
        ? this.db.prepare('SELECT * FROM turns WHERE session_id = ? ORDER BY seq').all(sessionId)
        : this.db
            .prepare('SELECT * FROM turns WHERE session_id = ? AND idea_id = ? ORDER BY seq')
            .all(sessionId, ideaId);
    return (rows as TurnRow[]).map(toTurn);
  }

  /** Turns after `afterSeq`, at most `limit`: lets a UI catch up without reloading the whole transcript. */
  turnsAfter(sessionId: string, afterSeq: number, limit: number): TurnRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM turns WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(sessionId, afterSeq, limit);
    return (rows as TurnRow[]).map(toTurn);
  }

  addVersion(
    ideaId: string,
    version: number,
    idea: Idea,
    citations: Citation[],
    turnSeq: number,
    repairs: number,
  ): void {
    this.tx(() => {
      this.db
        .prepare(
          `INSERT INTO idea_versions (idea_id, version, content, citations, turn_seq, repairs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(ideaId, version, JSON.stringify(idea), JSON.stringify(citations), turnSeq, repairs, now());
      const { sessionId } = this.idea(ideaId);
      this.#record({ type: 'version', sessionId, version: this.version(ideaId, version) });
    });
  }

  versions(ideaId: string): IdeaVersionRecord[] {
    return (
      this.db
        .prepare('SELECT * FROM idea_versions WHERE idea_id = ? ORDER BY version')
        .all(ideaId) as VersionRow[]
    ).map(toVersion);
  }

  version(ideaId: string, version: number): IdeaVersionRecord {
    const row = this.db
      .prepare('SELECT * FROM idea_versions WHERE idea_id = ? AND version = ?')
      .get(ideaId, version) as VersionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Idea ${ideaId} has no version ${version}`);
    return toVersion(row);
  }

  /** Latest versions of earlier ideas on the same topic (any session), oldest first, for diversity. */
  /** `onlySession`: earlier ideas of that session only (an isolated session), else of every session on the topic. */
  previousIdeas(topic: string, excludeIdeaId: string, limit: number, onlySession?: string): Idea[] {
    const rows = this.db
      .prepare(
        `SELECT v.content FROM ideas i
           JOIN sessions s ON s.id = i.session_id
           JOIN idea_versions v ON v.idea_id = i.id AND v.version = i.current_version
          WHERE s.topic_key = @topicKey AND i.id <> @exclude
            AND (@onlySession IS NULL OR s.id = @onlySession)
            AND i.created_at <= (SELECT created_at FROM ideas WHERE id = @exclude)
          ORDER BY i.created_at DESC, i.idx DESC LIMIT @limit`,
      )
      .pluck()
      .all({
        topicKey: topicKey(topic),
        exclude: excludeIdeaId,
        onlySession: onlySession ?? null,
        limit,
      }) as string[];
    return rows.reverse().map((text) => JSON.parse(text) as Idea);
  }

  appendLedger(sessionId: string, entry: LedgerEntry): void {
    this.tx(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO ledger (session_id, seq, entry) VALUES (?, ?, ?)')
        .run(sessionId, entry.seq, JSON.stringify(entry));
      this.#record({ type: 'usage', sessionId, entry });
    });
  }

  ledger(sessionId: string): LedgerEntry[] {
    return (
      this.db
        .prepare('SELECT entry FROM ledger WHERE session_id = ? ORDER BY seq')
        .pluck()
        .all(sessionId) as string[]
    ).map((text) => JSON.parse(text) as LedgerEntry);
  }
}
