import { describe, expect, it } from 'vitest';
import { applyJobEvent, applyJobEvents, emptyJobsView, withJobList, withJobRecord } from './job-changes.ts';
import type { JobEvent, JobProgress, JobRecord, JobsView } from './job-changes.ts';

/** Issue 11: the mining panel follows a job by applying its numbered events, never by re-reading the list. */

const record = (id: string, seq: number, status: JobRecord['status'] = 'running'): JobRecord => ({
  id,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  error: null,
  papers: { total: 3, done: 0, failed: 0, pending: 3 },
  live: status === 'running',
  seq,
});

const progress = (jobId: string, seq: number, done: number): JobProgress => ({
  type: 'progress',
  jobId,
  seq,
  phase: 'extracting',
  total: 3,
  done,
  failed: 0,
  promptTokens: 10 * done,
  completionTokens: 5 * done,
  costUsd: 0,
  etaMs: null,
});

const status = (
  jobId: string,
  seq: number,
  to: JobRecord['status'],
  error: string | null = null,
): JobEvent => ({
  type: 'status',
  jobId,
  seq,
  status: to,
  error,
});

const viewOf = (...jobs: JobRecord[]): JobsView => ({ jobs, progress: {} });

describe('applying mining job events', () => {
  it('moves a job on by its next event: progress is kept, a status ends it', () => {
    let { view, outcome } = applyJobEvent(viewOf(record('a', 1), record('b', 4)), progress('a', 2, 1));
    expect(outcome).toBe('applied');
    expect(view.progress['a']).toMatchObject({ seq: 2, done: 1 });
    expect(view.jobs.find((j) => j.id === 'a')?.seq).toBe(2);
    ({ view, outcome } = applyJobEvent(
      view,
      status('a', 3, 'failed', 'Internal error (id 0a1b2c3d); see the log'),
    ));
    expect(outcome).toBe('applied');
    expect(view.jobs[0]).toMatchObject({
      id: 'a',
      seq: 3,
      status: 'failed',
      live: false,
      error: 'Internal error (id 0a1b2c3d); see the log',
    });
    // The other job is untouched.
    expect(view.jobs[1]).toEqual(record('b', 4));
  });

  it('ignores an event it holds already and reports a gap instead of skipping one', () => {
    const start = viewOf(record('a', 2));
    expect(applyJobEvent(start, status('a', 2, 'completed'))).toEqual({ view: start, outcome: 'duplicate' });
    expect(applyJobEvent(start, status('a', 4, 'completed'))).toEqual({ view: start, outcome: 'gap' });
    expect(applyJobEvent(start, status('z', 1, 'running'))).toEqual({ view: start, outcome: 'unknown' });
  });

  it('shows the newest progress of a job even when its record (read later) already counts it', () => {
    const early = applyJobEvent(emptyJobsView, progress('a', 2, 1));
    expect(early.outcome).toBe('unknown');
    const read = withJobRecord(early.view, record('a', 3, 'completed'));
    const late = applyJobEvent(read, progress('a', 1, 0));
    expect(late.outcome).toBe('duplicate');
    expect(late.view.progress['a']).toMatchObject({ seq: 2, done: 1 });
    expect(late.view.jobs).toEqual([record('a', 3, 'completed')]);
  });

  it('applies a replay (mining.since) in order, stopping at the first gap with what came before applied', () => {
    const replay = [
      progress('a', 3, 2),
      progress('a', 2, 1),
      status('a', 4, 'completed'),
      progress('a', 6, 3),
    ];
    const { view, outcome } = applyJobEvents(viewOf(record('a', 1)), replay);
    expect(outcome).toBe('gap');
    expect(view.jobs[0]).toMatchObject({ seq: 4, status: 'completed' });
    expect(view.progress['a']?.seq).toBe(6); // the newest snapshot shows while the gap is caught up
    expect(applyJobEvents(view, replay.slice(0, 3)).outcome).toBe('duplicate');
  });

  it('takes a record read later only when it is not older than the events applied', () => {
    const ahead = applyJobEvent(viewOf(record('a', 1)), status('a', 2, 'cancelled')).view;
    expect(withJobRecord(ahead, record('a', 1))).toBe(ahead);
    const fresh = { ...record('a', 2, 'cancelled'), papers: { total: 3, done: 1, failed: 0, pending: 2 } };
    expect(withJobRecord(ahead, fresh).jobs).toEqual([fresh]);
    // A job not known yet goes first; a list read keeps the newer of each.
    expect(withJobRecord(ahead, record('n', 0)).jobs.map((j) => j.id)).toEqual(['n', 'a']);
    const listed = withJobList(ahead, [record('b', 7), record('a', 1)]);
    expect(listed.jobs.map((j) => [j.id, j.seq])).toEqual([
      ['b', 7],
      ['a', 2],
    ]);
    expect(withJobList(emptyJobsView, []).jobs).toEqual([]);
  });
});
