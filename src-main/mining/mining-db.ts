import { processAlive } from '../shared/process-alive.ts';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LedgerEntry } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import { enableWal, migrateUserVersion, openSqliteFile } from '../shared/sqlite-file.ts';

/**
 * Mining jobs live in their own SQLite file (`<dataDir>/mining.sqlite`), apart from the graph so a lab's Neo4j
 * setup still keeps its job state locally: the job, each paper's status and extraction result, and the token
 * ledger entry by entry. A paper's extraction result is committed before its graph write, so a crash between the
 * two replays the write, never the paid call.
 */

export const JOB_STATUSES = ['running', 'interrupted', 'cancelled', 'failed', 'completed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/**
 * done: triples written; refused: the model answered but the naming rules refused every triple (nothing written,
 * the paper stays minable); failed: no usable answer (stays minable); skipped: another job claimed or mined it.
 */
export const PAPER_STATUSES = ['pending', 'extracted', 'done', 'refused', 'failed', 'skipped'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

export interface JobRow {
  id: string;
  status: JobStatus;
  params: Record<string, unknown>;
  owner: number | null;
  error: string | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobPaperRow {
  paperId: string;
  seq: number;
  status: PaperStatus;
  result: unknown;
  error: string | null;
  /** The AppError code of a failure (LLM_UNAVAILABLE, LLM_UNAUTHORIZED, …), to say why in one word. */
  errorCode: string | null;
}

/** Why a job may not take a paper now. */
export type PaperClaim = { claimed: true } | { claimed: false; reason: 'claimed' | 'mined'; byJob: string };

/** How long a paper claim lasts without renewal: a claiming process that died frees its papers after this. */
export const CLAIM_LEASE_MS = 60_000;

const MIGRATIONS: string[] = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     params TEXT NOT NULL,
     owner INTEGER,
     error TEXT,
     result TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE job_papers (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     paper_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     status TEXT NOT NULL,
     result TEXT,
     error TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (job_id, paper_id)
   );
   CREATE INDEX job_papers_paper ON job_papers(paper_id, status);
   CREATE TABLE job_ledger (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     entry TEXT NOT NULL,
     PRIMARY KEY (job_id, seq)
   );`,
  // Papers claimed by the job mining them now, so a concurrent job does not mine them too (lease in ms since epoch).
  `ALTER TABLE job_papers ADD COLUMN error_code TEXT;
   CREATE TABLE paper_claims (
     paper_id TEXT PRIMARY KEY,
     job_id TEXT NOT NULL,
     owner INTEGER NOT NULL,
     lease_until INTEGER NOT NULL
   );`,
  // The job's events, numbered per job (job-events.ts), so a client that missed some catches up with `since`.
  `ALTER TABLE jobs ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE job_events (
     job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     payload TEXT NOT NULL,
     PRIMARY KEY (job_id, seq)
   );`,
];

const now = (): string => new Date().toISOString();

export class MiningDb {
  readonly db: Database;

  private constructor(db: Database) {
    this.db = db;
  }

  static open(dataDir: string): MiningDb {
    const path = join(dataDir, 'mining.sqlite');
    // 0600, busy_timeout first, migrations under BEGIN IMMEDIATE: two processes may open a fresh data dir at once.
    const db = openSqliteFile(path, (opened) => {
      enableWal(opened);
      // WAL + NORMAL survives a process crash, the failure jobs must outlive.
      opened.pragma('synchronous = NORMAL');
      opened.pragma('foreign_keys = ON');
      migrateUserVersion(opened, MIGRATIONS, path);
    });
    return new MiningDb(db);
  }

  createJob(id: string, params: Record<string, unknown>, paperIds: readonly string[]): JobRow {
    const at = now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO jobs (id, status, params, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(id, 'running', JSON.stringify(params), process.pid, at, at);
        const insert = this.db.prepare(
          "INSERT INTO job_papers (job_id, paper_id, seq, status, updated_at) VALUES (?, ?, ?, 'pending', ?)",
        );
        paperIds.forEach((paperId, seq) => insert.run(id, paperId, seq, at));
      })
      .immediate();
    return this.job(id);
  }

  /** A job marked running by a process that no longer exists was interrupted (crash, kill). */
  job(id: string): JobRow {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as
      Record<string, unknown> | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No mining job ${id}`, { field: 'jobId', jobId: id });
    const owner = row.owner === null ? null : Number(row.owner);
    let status = row.status as JobStatus;
    if (status === 'running' && owner !== process.pid && (owner === null || !processAlive(owner))) {
      status = 'interrupted';
      this.setStatus(id, 'interrupted');
    }
    return {
      id,
      status,
      params: JSON.parse(String(row.params)) as Record<string, unknown>,
      owner,
      error: (row.error as string | null) ?? null,
      result: row.result ? (JSON.parse(String(row.result)) as Record<string, unknown>) : null,
      createdAt: String(row.created_at),
      updatedAt: String(row.updated_at),
    };
  }

  jobs(): JobRow[] {
    const ids = this.db.prepare('SELECT id FROM jobs ORDER BY created_at DESC').all() as Array<{
      id: string;
    }>;
    return ids.map((r) => this.job(r.id));
  }

  /** Claims the job for this process; refused while another live process runs it. */
  claim(id: string): void {
    const job = this.job(id);
    if (job.status === 'running' && job.owner !== process.pid) {
      throw new AppError('CONFLICT', `Mining job ${id} is running in process ${job.owner}`, { jobId: id });
    }
    if (job.status === 'completed')
      throw new AppError('CONFLICT', `Mining job ${id} is already completed`, { jobId: id });
    this.db
      .prepare("UPDATE jobs SET status = 'running', owner = ?, error = NULL, updated_at = ? WHERE id = ?")
      .run(process.pid, now(), id);
  }

  setStatus(id: string, status: JobStatus, extra: { error?: string; result?: unknown } = {}): void {
    this.db
      .prepare(
        'UPDATE jobs SET status = ?, error = ?, result = COALESCE(?, result), updated_at = ? WHERE id = ?',
      )
      .run(
        status,
        extra.error ?? null,
        extra.result === undefined ? null : JSON.stringify(extra.result),
        now(),
        id,
      );
  }

  papers(jobId: string): JobPaperRow[] {
    const rows = this.db
      .prepare(
        'SELECT paper_id, seq, status, result, error, error_code FROM job_papers WHERE job_id = ? ORDER BY seq',
      )
      .all(jobId) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      paperId: String(r.paper_id),
      seq: Number(r.seq),
      status: r.status as PaperStatus,
      result: r.result ? (JSON.parse(String(r.result)) as unknown) : null,
      error: (r.error as string | null) ?? null,
      errorCode: (r.error_code as string | null) ?? null,
    }));
  }

  setPaper(
    jobId: string,
    paperId: string,
    status: PaperStatus,
    extra: { result?: unknown; error?: string; errorCode?: string } = {},
  ): void {
    this.db
      .prepare(
        'UPDATE job_papers SET status = ?, result = COALESCE(?, result), error = ?, error_code = ?, updated_at = ? WHERE job_id = ? AND paper_id = ?',
      )
      .run(
        status,
        extra.result === undefined ? null : JSON.stringify(extra.result),
        extra.error ?? null,
        extra.errorCode ?? null,
        now(),
        jobId,
        paperId,
      );
  }

  /** Papers some job already mined: a new job leaves them out unless asked to mine again. */
  minedPaperIds(): Set<string> {
    const rows = this.db
      .prepare("SELECT DISTINCT paper_id FROM job_papers WHERE status = 'done'")
      .all() as Array<{
      paper_id: string;
    }>;
    return new Set(rows.map((r) => r.paper_id));
  }

  /**
   * Claims a paper for a job before its extraction call, atomically (one IMMEDIATE transaction, so two processes
   * on the same file cannot both win). Refused while another job holds a live claim (lease not expired and its
   * process alive), or when another job finished the paper after this job was created. A claim of a dead process
   * or with an expired lease is taken over, so a crash never locks a paper for good.
   */
  claimPaper(
    jobId: string,
    paperId: string,
    options: { leaseMs?: number; nowMs?: number; owner?: number } = {},
  ): PaperClaim {
    const nowMs = options.nowMs ?? Date.now();
    const owner = options.owner ?? process.pid;
    return this.db
      .transaction((): PaperClaim => {
        const finished = this.db
          .prepare(
            `SELECT job_id FROM job_papers WHERE paper_id = ? AND job_id != ? AND status IN ('done', 'refused')
               AND updated_at >= (SELECT created_at FROM jobs WHERE id = ?) LIMIT 1`,
          )
          .get(paperId, jobId, jobId) as { job_id: string } | undefined;
        if (finished) return { claimed: false, reason: 'mined', byJob: finished.job_id };
        const held = this.db
          .prepare('SELECT job_id, owner, lease_until FROM paper_claims WHERE paper_id = ?')
          .get(paperId) as { job_id: string; owner: number; lease_until: number } | undefined;
        if (held && held.job_id !== jobId && held.lease_until > nowMs && processAlive(held.owner)) {
          return { claimed: false, reason: 'claimed', byJob: held.job_id };
        }
        this.db
          .prepare(
            'INSERT OR REPLACE INTO paper_claims (paper_id, job_id, owner, lease_until) VALUES (?, ?, ?, ?)',
          )
          .run(paperId, jobId, owner, nowMs + (options.leaseMs ?? CLAIM_LEASE_MS));
        return { claimed: true };
      })
      .immediate();
  }

  /** Extends the leases of a job's claims while it runs (called on a timer). */
  renewClaims(jobId: string, leaseMs = CLAIM_LEASE_MS): void {
    this.db
      .prepare('UPDATE paper_claims SET lease_until = ?, owner = ? WHERE job_id = ?')
      .run(Date.now() + leaseMs, process.pid, jobId);
  }

  /** Frees a job's claim on one paper (it is finished, or left for a resume), or on all its papers. */
  releaseClaim(jobId: string, paperId?: string): void {
    if (paperId === undefined) this.db.prepare('DELETE FROM paper_claims WHERE job_id = ?').run(jobId);
    else this.db.prepare('DELETE FROM paper_claims WHERE job_id = ? AND paper_id = ?').run(jobId, paperId);
  }

  /** Papers waiting in a job that a live process is running: a new job leaves them to it. */
  papersOfRunningJobs(): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT jp.paper_id, jp.job_id FROM job_papers jp JOIN jobs j ON j.id = jp.job_id
          WHERE j.status = 'running' AND jp.status IN ('pending', 'extracted')`,
      )
      .all() as Array<{ paper_id: string; job_id: string }>;
    const live = new Map<string, boolean>();
    const isLive = (jobId: string): boolean => {
      if (!live.has(jobId)) live.set(jobId, this.job(jobId).status === 'running'); // a dead owner: interrupted
      return live.get(jobId) ?? false;
    };
    return new Set(rows.filter((r) => isLive(r.job_id)).map((r) => r.paper_id));
  }

  appendLedger(jobId: string, entry: LedgerEntry): void {
    this.db
      .prepare('INSERT OR REPLACE INTO job_ledger (job_id, seq, entry) VALUES (?, ?, ?)')
      .run(jobId, entry.seq, JSON.stringify(entry));
  }

  ledger(jobId: string): LedgerEntry[] {
    const rows = this.db
      .prepare('SELECT entry FROM job_ledger WHERE job_id = ? ORDER BY seq')
      .all(jobId) as Array<{
      entry: string;
    }>;
    return rows.map((r) => JSON.parse(r.entry) as LedgerEntry);
  }

  close(): void {
    this.db.close();
  }
}
