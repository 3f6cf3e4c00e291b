import type { ProtocolPlan } from '../contract/protocol.ts';
import { newLease, ownedElsewhere, runKey } from '../ideator/ownership.ts';
import type { Owner } from '../ideator/ownership.ts';
import { AppError } from '../shared/errors.ts';
import { MigratedSqliteStore } from '../shared/sqlite-store.ts';
import type { ProtocolResults } from './protocol-table.ts';

/**
 * Protocol runs in `protocol.sqlite` in the data dir: the plan, where the run stands (state, stage, progress,
 * cost), the ideation session of each (topic, setting), the stored tournament of each (topic, seed), numbered
 * progress events and the results. A run is owned by one process at a time through the same lease the ideator
 * uses (`ideator/ownership.ts`): a second process starting or resuming it gets CONFLICT; a crashed owner's run
 * reads as `interrupted` and resumes from what the file says is done.
 */

export type RunState = 'running' | 'cancelled' | 'failed' | 'completed' | 'interrupted';
export type RunStage = 'ideate' | 'judge' | 'tournament' | 'diversity';

export interface RunProgress {
  stage: RunStage;
  done: number;
  total: number;
}

export interface RunEvent {
  runId: string;
  seq: number;
  state: RunState;
  progress: RunProgress;
  costUsd: number;
}

export interface StoredRun {
  id: string;
  name: string;
  plan: ProtocolPlan;
  state: RunState;
  progress: RunProgress;
  costUsd: number;
  error: { code: string; message: string } | null;
  seq: number;
  results: ProtocolResults | null;
  createdAt: string;
  updatedAt: string;
}

/** A table of one run's parts (sessions, tournaments, events): keyed by the run and `key`, every column required. */
const runPartTable = (table: string, columns: readonly string[], key: string): string =>
  [
    `CREATE TABLE ${table} (`,
    '     run_id TEXT NOT NULL REFERENCES runs (id),',
    ...columns.map((column) => `     ${column} NOT NULL,`),
    `     PRIMARY KEY (run_id, ${key})`,
    '   );',
  ].join('\n');

/** A run's per-topic parts that point at work done elsewhere: the session per setting, the tournament per seed. */
interface RunPart {
  table: string;
  key: string;
  id: string;
}
const SESSION_PART: RunPart = { table: 'run_sessions', key: 'setting', id: 'session_id' };
const TOURNAMENT_PART: RunPart = { table: 'run_tournaments', key: 'seed', id: 'tournament_id' };

const MIGRATIONS = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     plan TEXT NOT NULL,
     state TEXT NOT NULL,
     stage TEXT NOT NULL,
     done INTEGER NOT NULL,
     total INTEGER NOT NULL,
     cost_usd REAL NOT NULL,
     error TEXT,
     owner TEXT,
     cancel_requested INTEGER NOT NULL DEFAULT 0,
     seq INTEGER NOT NULL DEFAULT 0,
     results TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   ${runPartTable('run_sessions', ['topic TEXT', 'setting TEXT', 'session_id TEXT'], 'topic, setting')}
   ${runPartTable('run_tournaments', ['topic TEXT', 'seed INTEGER', 'tournament_id TEXT'], 'topic, seed')}
   ${runPartTable('run_events', ['seq INTEGER', 'event TEXT'], 'seq')}`,
];

interface RunRow {
  id: string;
  name: string;
  plan: string;
  state: RunState;
  stage: RunStage;
  done: number;
  total: number;
  cost_usd: number;
  error: string | null;
  owner: string | null;
  seq: number;
  results: string | null;
  created_at: string;
  updated_at: string;
}

export class ProtocolStore extends MigratedSqliteStore {
  constructor(path: string) {
    super(path, MIGRATIONS);
  }

  key(runId: string): string {
    return runKey(this.path, runId);
  }

  create(id: string, name: string, plan: ProtocolPlan): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO runs (id, name, plan, state, stage, done, total, cost_usd, created_at, updated_at)
         VALUES (?, ?, ?, 'interrupted', 'ideate', 0, 0, 0, ?, ?)`,
      )
      .run(id, name, JSON.stringify(plan), now, now);
  }

  /** Takes the run for this process (CONFLICT when another live owner has it); returns the lease. */
  claim(runId: string, leaseMs: number): Owner {
    return this.db
      .transaction(() => {
        const row = this.row(runId);
        const owner = row.owner === null ? null : (JSON.parse(row.owner) as Owner);
        if (row.state === 'running' && ownedElsewhere(owner, this.key(runId))) {
          throw new AppError(
            'CONFLICT',
            `Protocol run ${runId} is running in another process (pid ${owner?.pid})`,
            {
              runId,
              owner,
            },
          );
        }
        if (row.state === 'completed') {
          throw new AppError('CONFLICT', `Protocol run ${runId} is already complete`, { runId });
        }
        const lease = newLease({ ms: leaseMs });
        this.db
          .prepare(
            `UPDATE runs SET owner = ?, state = 'running', cancel_requested = 0, error = NULL, updated_at = ?
             WHERE id = ?`,
          )
          .run(JSON.stringify(lease), new Date().toISOString(), runId);
        return lease;
      })
      .immediate();
  }

  /** Extends the lease; false when another process has taken the run over. */
  renew(runId: string, lease: Owner, leaseMs: number): boolean {
    const renewed = { ...lease, expiresAt: Date.now() + leaseMs };
    const result = this.db
      .prepare(`UPDATE runs SET owner = ? WHERE id = ? AND json_extract(owner, '$.token') = ?`)
      .run(JSON.stringify(renewed), runId, lease.token ?? '');
    return result.changes === 1;
  }

  /** Ends this process's ownership with the run's final state (only while it still holds the lease). */
  release(
    runId: string,
    lease: Owner,
    state: RunState,
    error: { code: string; message: string } | null,
  ): void {
    this.db
      .prepare(
        `UPDATE runs SET owner = NULL, state = ?, error = ?, updated_at = ?
         WHERE id = ? AND json_extract(owner, '$.token') = ?`,
      )
      .run(
        state,
        error === null ? null : JSON.stringify(error),
        new Date().toISOString(),
        runId,
        lease.token ?? '',
      );
  }

  /** Records progress and its numbered event in one transaction. */
  progress(runId: string, progress: RunProgress, costUsd: number): RunEvent {
    return this.db
      .transaction(() => {
        const row = this.row(runId);
        const seq = row.seq + 1;
        const event: RunEvent = { runId, seq, state: 'running', progress, costUsd };
        this.db
          .prepare(
            `UPDATE runs SET stage = ?, done = ?, total = ?, cost_usd = ?, seq = ?, updated_at = ? WHERE id = ?`,
          )
          .run(progress.stage, progress.done, progress.total, costUsd, seq, new Date().toISOString(), runId);
        this.db
          .prepare('INSERT INTO run_events (run_id, seq, event) VALUES (?, ?, ?)')
          .run(runId, seq, JSON.stringify(event));
        return event;
      })
      .immediate();
  }

  /** A numbered event for a state change (cancelled, failed, completed) with the progress as it stands. */
  stateEvent(runId: string): RunEvent {
    return this.db
      .transaction(() => {
        const run = this.get(runId);
        const event: RunEvent = {
          runId,
          seq: run.seq + 1,
          state: run.state,
          progress: run.progress,
          costUsd: run.costUsd,
        };
        this.db.prepare('UPDATE runs SET seq = ? WHERE id = ?').run(event.seq, runId);
        this.db
          .prepare('INSERT INTO run_events (run_id, seq, event) VALUES (?, ?, ?)')
          .run(runId, event.seq, JSON.stringify(event));
        return event;
      })
      .immediate();
  }

  since(runId: string, seq: number): { seq: number; events: RunEvent[] } {
    const latest = this.row(runId).seq;
    const events = (
      this.db
        .prepare('SELECT event FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT 500')
        .pluck()
        .all(runId, seq) as string[]
    ).map((text) => JSON.parse(text) as RunEvent);
    return { seq: latest, events };
  }

  requestCancel(runId: string): void {
    this.row(runId);
    this.db.prepare('UPDATE runs SET cancel_requested = 1 WHERE id = ?').run(runId);
  }

  cancelRequested(runId: string): boolean {
    return this.db.prepare('SELECT cancel_requested FROM runs WHERE id = ?').pluck().get(runId) === 1;
  }

  sessionOf(runId: string, topic: string, setting: string): string | undefined {
    return this.#partOf(SESSION_PART, runId, topic, setting);
  }

  setSession(runId: string, topic: string, setting: string, sessionId: string): void {
    this.#setPart(SESSION_PART, runId, topic, setting, sessionId);
  }

  tournamentOf(runId: string, topic: string, seed: number): string | undefined {
    return this.#partOf(TOURNAMENT_PART, runId, topic, seed);
  }

  setTournament(runId: string, topic: string, seed: number, tournamentId: string): void {
    this.#setPart(TOURNAMENT_PART, runId, topic, seed, tournamentId);
  }

  /** The id stored for one (run, topic, key) part, if any. */
  #partOf(part: RunPart, runId: string, topic: string, key: string | number): string | undefined {
    return this.db
      .prepare(`SELECT ${part.id} FROM ${part.table} WHERE run_id = ? AND topic = ? AND ${part.key} = ?`)
      .pluck()
      .get(runId, topic, key) as string | undefined;
  }

  #setPart(part: RunPart, runId: string, topic: string, key: string | number, id: string): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO ${part.table} (run_id, topic, ${part.key}, ${part.id}) VALUES (?, ?, ?, ?)`,
      )
      .run(runId, topic, key, id);
  }

  saveResults(runId: string, results: ProtocolResults): void {
    this.db
      .prepare('UPDATE runs SET results = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(results), new Date().toISOString(), runId);
  }

  get(runId: string): StoredRun {
    return this.fromRow(this.row(runId));
  }

  list(): StoredRun[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, id').all() as RunRow[]).map((r) =>
      this.fromRow(r),
    );
  }

  private row(runId: string): RunRow {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No protocol run ${runId}`, { field: 'runId', runId });
    return row;
  }

  /** A run the file says is running but no live process owns reads as interrupted (a crash or a closed app). */
  private fromRow(row: RunRow): StoredRun {
    const owner = row.owner === null ? null : (JSON.parse(row.owner) as Owner);
    // This process's own rows are live only while a run is registered (a closed core's run is interrupted).
    const live = ownedElsewhere(owner, this.key(row.id));
    const state = row.state === 'running' && !live ? 'interrupted' : row.state;
    return {
      id: row.id,
      name: row.name,
      plan: JSON.parse(row.plan) as ProtocolPlan,
      state,
      progress: { stage: row.stage, done: row.done, total: row.total },
      costUsd: row.cost_usd,
      error: row.error === null ? null : (JSON.parse(row.error) as { code: string; message: string }),
      seq: row.seq,
      results: row.results === null ? null : (JSON.parse(row.results) as ProtocolResults),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
