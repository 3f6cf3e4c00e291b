import type { ResponseOf } from '../../../../src-main/contract/index.ts';
import type { MiningEventPayload } from '../../../../src-main/contract/mining.ts';

/**
 * Mining jobs' numbered events (`mining.event`, `mining.since`) applied to the records the panel holds
 * (`mining.list`, `mining.job`), so a running job is followed without re-reading the job list. A record's `seq` is
 * the last event it holds; each event of that job moves it on by one. Pure: each call returns a new view.
 */

export type JobRecord = ResponseOf<'mining.list'>[number];
export type JobEvent = Exclude<MiningEventPayload, { type: 'hierarchy' }>;
export type JobProgress = Extract<JobEvent, { type: 'progress' }>;

/** The jobs the panel knows, and the last progress event heard of each. */
export interface JobsView {
  readonly jobs: readonly JobRecord[];
  readonly progress: Readonly<Record<string, JobProgress>>;
}

export const emptyJobsView: JobsView = { jobs: [], progress: {} };

/**
 * `unknown`: no record of this job yet (read that job with `mining.job`, then apply again); `gap`: events between
 * the record and this one are missing (catch up with `mining.since` first).
 */
export type JobEventOutcome = 'applied' | 'duplicate' | 'gap' | 'unknown';

export interface Applied {
  view: JobsView;
  outcome: JobEventOutcome;
}

export function applyJobEvent(view: JobsView, event: JobEvent): Applied {
  // A progress event is a whole snapshot: the newest heard is shown even before its job's record is read (its
  // first events can beat the reply that started it, and the record read then already counts them).
  const held = view.progress[event.jobId];
  const progress =
    event.type === 'progress' && (!held || held.seq < event.seq)
      ? { ...view.progress, [event.jobId]: event }
      : view.progress;
  const job = view.jobs.find((j) => j.id === event.jobId);
  if (!job) return { view: { ...view, progress }, outcome: 'unknown' };
  if (event.seq <= job.seq) return { view: { ...view, progress }, outcome: 'duplicate' };
  if (event.seq > job.seq + 1) return { view: { ...view, progress }, outcome: 'gap' };
  // Paper counts are the job file's (refused and retried papers count apart): a record read after the end has them.
  const next: JobRecord =
    event.type === 'status'
      ? { ...job, seq: event.seq, status: event.status, error: event.error, live: event.status === 'running' }
      : { ...job, seq: event.seq, papers: { ...job.papers, total: event.total } };
  return { view: { jobs: view.jobs.map((j) => (j === job ? next : j)), progress }, outcome: 'applied' };
}

/** Applies events in order while they follow on; stops with `gap` or `unknown` at the first one that does not. */
export function applyJobEvents(view: JobsView, events: readonly JobEvent[]): Applied {
  let applied: Applied = { view, outcome: 'duplicate' };
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const step = applyJobEvent(applied.view, event);
    if (step.outcome === 'gap' || step.outcome === 'unknown')
      return { view: step.view, outcome: step.outcome };
    applied = { view: step.view, outcome: step.outcome === 'applied' ? 'applied' : applied.outcome };
  }
  return applied;
}

/** A record read from the core: new jobs go first; a known one is replaced unless events already took it further. */
export function withJobRecord(view: JobsView, record: JobRecord): JobsView {
  const known = view.jobs.find((j) => j.id === record.id);
  if (!known) return { ...view, jobs: [record, ...view.jobs] };
  if (known.seq > record.seq) return view;
  return { ...view, jobs: view.jobs.map((j) => (j === known ? record : j)) };
}

/** The whole list read again (on open): each record as `withJobRecord`, in the list's order. */
export function withJobList(view: JobsView, records: readonly JobRecord[]): JobsView {
  const known = new Map(view.jobs.map((j) => [j.id, j]));
  const jobs = records.map((r) => {
    const held = known.get(r.id);
    return held && held.seq > r.seq ? held : r;
  });
  const listed = new Set(records.map((r) => r.id));
  return { ...view, jobs: [...view.jobs.filter((j) => !listed.has(j.id)), ...jobs] };
}
