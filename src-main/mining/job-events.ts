import { AppError } from '../shared/errors.ts';
import type { MiningDb } from './mining-db.ts';

/**
 * A mining job's events (progress, status), numbered per job in mining.sqlite: `record` takes the job's next
 * number and stores the event with it in one transaction, right after the step it reports was committed, so the
 * numbers survive restarts; `after` replays what a client missed (`mining.since`).
 */

export interface JobEvent {
  jobId: string;
}

export function recordJobEvent<E extends JobEvent>(mining: MiningDb, event: E): E & { seq: number } {
  const { db } = mining;
  return db
    .transaction(() => {
      const seq = db
        .prepare('UPDATE jobs SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq')
        .pluck()
        .get(event.jobId) as number | undefined;
      if (seq === undefined)
        throw new AppError('NOT_FOUND', `No mining job ${event.jobId}`, { field: 'jobId' });
      const numbered = { ...event, seq };
      db.prepare('INSERT INTO job_events (job_id, seq, payload) VALUES (?, ?, ?)').run(
        event.jobId,
        seq,
        JSON.stringify(numbered),
      );
      return numbered;
    })
    .immediate();
}

/** The number of the job's latest event (0 before any). */
export function latestJobEvent(mining: MiningDb, jobId: string): number {
  const seq = mining.db.prepare('SELECT event_seq FROM jobs WHERE id = ?').pluck().get(jobId) as
    number | undefined;
  if (seq === undefined) throw new AppError('NOT_FOUND', `No mining job ${jobId}`, { field: 'jobId' });
  return seq;
}

/** The job's events numbered after `afterSeq`, at most `limit`, oldest first, as they were sent. */
export function jobEventsAfter(mining: MiningDb, jobId: string, afterSeq: number, limit: number): unknown[] {
  return (
    mining.db
      .prepare('SELECT payload FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .pluck()
      .all(jobId, afterSeq, limit) as string[]
  ).map((text) => JSON.parse(text) as unknown);
}
