import type { ResponseOf } from '../../../../src-main/contract/index.ts';
import type { HierarchyRun, MiningEventPayload } from '../../../../src-main/contract/mining.ts';
import { latestRun } from './latest-run.ts';
import { applyJobEvents, emptyJobsView, withJobList, withJobRecord } from './job-changes.ts';
import type { JobEvent, JobProgress, JobRecord, JobsView } from './job-changes.ts';
import type { ImportReport } from '../../../../src-main/contract/papers.ts';
import { followEvents, invoke } from '../../../lib/api/client.ts';
import { errorText, hasErrorCode } from '../../../lib/api/error-notice.ts';
import { settingsState } from '../../../lib/settings.svelte.ts';
import { sortIdentifiers } from './identifiers.ts';
import { planUploads, toBase64 } from './upload-plan.ts';

/**
 * The "Papers & mining" panel's state: import (files and DOIs/arXiv ids → papers.import, with its report),
 * mining jobs (estimate, start, live progress from `mining.event`, cancel, resume, the job report) and hierarchy
 * runs. Everything shown comes from the core; when no LLM endpoint is configured the core says so (LLM_NOT_CONFIGURED)
 * and the panel shows that message rather than a button that cannot work.
 */

type Estimate = ResponseOf<'mining.estimate'>;
type JobReport = ResponseOf<'mining.report'>;

export interface Notice {
  text: string;
  /** LLM_NOT_CONFIGURED: no endpoint; the panel points to Settings. */
  llmMissing: boolean;
}

const noticeOf = (err: unknown): Notice => ({
  text: errorText(err),
  llmMissing: hasErrorCode(err, 'LLM_NOT_CONFIGURED'),
});

const emptyTotals = (): ImportReport['totals'] => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  duplicate: 0,
  skipped: 0,
  failed: 0,
});

class PapersMining {
  picked = $state.raw<File[]>([]);
  /** Counts finished imports; the file input is re-created after each so it no longer shows the old files. */
  importsDone = $state(0);
  identifiers = $state('');
  importing = $state(false);
  importStep = $state('');
  importReport = $state.raw<ImportReport | null>(null);
  /** Files refused before upload (size, empty) and ids that are neither DOI nor arXiv id. */
  refused = $state.raw<Array<{ file: string; reason: string }>>([]);
  importProblem = $state<Notice | null>(null);

  scope = $state<'unmined' | 'imported'>('unmined');
  estimate = $state.raw<Estimate | null>(null);
  estimateProblem = $state<Notice | null>(null);
  /** The job records and their last progress, kept current by applying each job's numbered events. */
  view = $state.raw<JobsView>(emptyJobsView);
  activeJobId = $state<string | null>(null);
  report = $state.raw<JobReport | null>(null);
  miningProblem = $state<Notice | null>(null);
  miningBusy = $state(false);

  hierarchyKind = $state<'Problem' | 'Challenge'>('Problem');
  hierarchyLevels = $state(1);
  hierarchy = $state.raw<HierarchyRun | null>(null);
  hierarchyProblem = $state<Notice | null>(null);
  hierarchyBusy = $state(false);

  /** Papers the last import created or updated: "mine only these". */
  get importedPaperIds(): string[] {
    return (this.importReport?.sources ?? []).flatMap((s) =>
      s.papers.filter((p) => p.status === 'created' || p.status === 'updated').map((p) => p.id),
    );
  }

  get jobs(): readonly JobRecord[] {
    return this.view.jobs;
  }

  /** The shown job's last progress event (kept when it arrived before the reply that started the job). */
  get progress(): JobProgress | null {
    return (this.activeJobId && this.view.progress[this.activeJobId]) || null;
  }

  get jobStatus(): JobRecord['status'] | null {
    return this.view.jobs.find((j) => j.id === this.activeJobId)?.status ?? null;
  }

  get interruptedJobs(): JobRecord[] {
    return this.jobs.filter((j) => !j.live && (j.status === 'interrupted' || j.status === 'cancelled'));
  }

  private request(): { paperIds?: string[] } {
    const ids = this.importedPaperIds;
    return this.scope === 'imported' && ids.length > 0 ? { paperIds: ids } : {};
  }

  async importPicked(): Promise<void> {
    const maxFileMb = settingsState.value?.paperImport.maxFileMb ?? 50;
    const plan = planUploads(this.picked, maxFileMb);
    const ids = sortIdentifiers(this.identifiers);
    this.refused = [
      ...plan.refused.map((r) => ({ file: r.file.name, reason: r.reason })),
      ...ids.unknown.map((t) => ({ file: t, reason: `"${t}" is neither a DOI (10.…/…) nor an arXiv id` })),
    ];
    this.importProblem = null;
    this.importReport = null;
    const requests: Array<{ files: File[]; dois: string[]; arxivIds: string[] }> = plan.batches.map(
      (files) => ({
        files,
        dois: [],
        arxivIds: [],
      }),
    );
    if (ids.dois.length || ids.arxivIds.length) {
      requests.push({ files: [], dois: ids.dois, arxivIds: ids.arxivIds });
    }
    if (requests.length === 0) {
      if (this.refused.length === 0)
        this.importProblem = { text: 'Pick files or enter ids first.', llmMissing: false };
      return;
    }
    this.importing = true;
    const merged: ImportReport = { sources: [], totals: emptyTotals() };
    try {
      for (const [i, r] of requests.entries()) {
        this.importStep =
          r.files.length > 0
            ? `Reading ${r.files.map((f) => f.name).join(', ')} (request ${i + 1} of ${requests.length})…`
            : 'Looking papers up online…';
        const files = await Promise.all(
          r.files.map(async (f) => ({
            name: f.name,
            contentBase64: toBase64(new Uint8Array(await f.arrayBuffer())),
          })),
        );
        const report = await invoke('papers.import', { files, dois: r.dois, arxivIds: r.arxivIds });
        merged.sources.push(...report.sources);
        for (const key of Object.keys(merged.totals) as Array<keyof ImportReport['totals']>)
          merged.totals[key] += report.totals[key];
        this.importReport = { sources: [...merged.sources], totals: { ...merged.totals } };
      }
      this.picked = [];
      this.identifiers = '';
      this.importsDone++;
    } catch (err) {
      this.importProblem = noticeOf(err);
    } finally {
      this.importing = false;
      this.importStep = '';
    }
    void this.loadEstimate();
  }

  async loadEstimate(): Promise<void> {
    try {
      this.estimate = await invoke('mining.estimate', this.request());
      this.estimateProblem = null;
    } catch (err) {
      this.estimate = null;
      this.estimateProblem = noticeOf(err);
    }
  }

  /** The whole list, read once when the panel opens; afterwards events and single-job reads keep it. */
  async loadJobs(): Promise<void> {
    try {
      // Read first: the view may move on (events) while the list is on its way.
      const listed = await invoke('mining.list', {});
      // A job that ended while the panel was away gets its report (setView), as one that ends in view does.
      this.setView(withJobList(this.view, listed));
      const live = this.view.jobs.find((j) => j.live);
      if (live && !this.activeJobId) this.activeJobId = live.id;
    } catch (err) {
      this.miningProblem = noticeOf(err);
    }
  }

  /** Events of a job not read yet (its first ones can beat the reply that started it), by job id. */
  private readonly waiting = new Map<string, JobEvent[]>();
  /** Jobs being caught up with `mining.since`: true when another gap was seen meanwhile (catch up again). */
  private readonly catchingUp = new Map<string, boolean>();

  /** A job heard of but not known: read that job only, then apply what arrived meanwhile. */
  private async readJob(jobId: string): Promise<void> {
    try {
      const record = await invoke('mining.job', { jobId });
      this.setView(withJobRecord(this.view, record));
    } catch (err) {
      this.miningProblem = noticeOf(err);
    }
    const held = this.waiting.get(jobId) ?? [];
    this.waiting.delete(jobId);
    // A job the core does not know either stays unknown: its held events go (no read loop).
    if (held.length > 0 && this.view.jobs.some((j) => j.id === jobId)) this.applyEvents(held);
  }

  /** Events were missed (a reconnect): replay the job's events after the last one held. */
  private async catchUp(jobId: string): Promise<void> {
    const job = this.view.jobs.find((j) => j.id === jobId);
    if (!job) return;
    if (this.catchingUp.has(jobId)) return void this.catchingUp.set(jobId, true);
    this.catchingUp.set(jobId, false);
    let again = false;
    try {
      const { events } = await invoke('mining.since', { jobId, seq: job.seq });
      again = this.catchingUp.get(jobId) === true;
      this.catchingUp.delete(jobId);
      this.applyEvents(events);
    } catch (err) {
      this.catchingUp.delete(jobId);
      this.miningProblem = noticeOf(err);
    }
    if (again) void this.catchUp(jobId);
  }

  /** The new view; a known job that has just ended gets its counts, report and estimate read. */
  private setView(view: JobsView): void {
    const before = new Map(this.view.jobs.map((j) => [j.id, j.status]));
    this.view = view;
    for (const job of view.jobs) {
      const was = before.get(job.id);
      if (was !== undefined && was !== job.status && job.status !== 'running') this.onJobEnded(job.id);
    }
  }

  private applyEvents(events: readonly JobEvent[]): void {
    const { view, outcome } = applyJobEvents(this.view, events);
    this.setView(view);
    const [first] = events;
    if (first && outcome === 'gap') void this.catchUp(first.jobId);
    if (first && outcome === 'unknown') this.heardOf(first);
  }

  private heardOf(event: JobEvent): void {
    const held = this.waiting.get(event.jobId);
    if (held) return void held.push(event);
    this.waiting.set(event.jobId, [event]);
    void this.readJob(event.jobId);
  }

  private attach(job: JobRecord): void {
    this.setView(withJobRecord(this.view, job));
    this.activeJobId = job.id;
    this.report = null;
    // A short job can end before the reply that started it arrives; its final status event was applied already.
    if (this.jobStatus !== 'running') this.onJobEnded(job.id);
  }

  /** One request of a card, with the card busy meanwhile; a refusal becomes the card's problem line. */
  private async busyStep(card: 'mining' | 'hierarchy', step: () => Promise<void>): Promise<void> {
    const busy = card === 'mining' ? 'miningBusy' : 'hierarchyBusy';
    this[busy] = true;
    try {
      await step();
    } catch (err) {
      this[card === 'mining' ? 'miningProblem' : 'hierarchyProblem'] = noticeOf(err);
    } finally {
      this[busy] = false;
    }
  }

  /** Starts or resumes a job and shows it. */
  private async runJob(begin: () => Promise<JobRecord>): Promise<void> {
    await this.busyStep('mining', async () => {
      this.attach(await begin());
      this.miningProblem = null;
    });
  }

  async startMining(): Promise<void> {
    await this.runJob(() => invoke('mining.start', this.request()));
  }

  /** "Mine again": a new job over the papers a finished job failed on or had every triple refused for. */
  async remine(paperIds: string[]): Promise<void> {
    if (paperIds.length === 0) return;
    await this.runJob(() => invoke('mining.start', { paperIds }));
  }

  /** The report of the job the card shows, once loaded (null while it runs or before the report arrives). */
  get activeReport(): JobReport | null {
    return this.report && this.report.jobId === this.activeJobId ? this.report : null;
  }

  async resume(jobId: string): Promise<void> {
    await this.runJob(() => invoke('mining.resume', { jobId }));
  }

  async cancelMining(): Promise<void> {
    const jobId = this.activeJobId;
    if (!jobId) return;
    await this.busyStep('mining', async () => {
      const job = await invoke('mining.cancel', { jobId });
      this.setView(withJobRecord(this.view, job));
      await this.loadReport(job.id);
    });
  }

  async loadReport(jobId: string): Promise<void> {
    try {
      this.report = await invoke('mining.report', { jobId });
    } catch (err) {
      this.miningProblem = noticeOf(err);
    }
  }

  async startHierarchy(): Promise<void> {
    await this.busyStep('hierarchy', async () => {
      const started = await invoke('mining.hierarchy', {
        kind: this.hierarchyKind,
        levels: this.hierarchyLevels,
      });
      this.hierarchy = latestRun(this.hierarchy, started);
      this.hierarchyProblem = null;
    });
  }

  async cancelHierarchy(): Promise<void> {
    const run = this.hierarchy;
    if (!run) return;
    await this.busyStep('hierarchy', async () => {
      const cancelled = await invoke('mining.hierarchyCancel', { runId: run.id });
      this.hierarchy = latestRun(this.hierarchy, cancelled);
    });
  }

  async start(): Promise<void> {
    await this.loadJobs();
    try {
      const runs = await invoke('mining.hierarchyRuns', {});
      this.hierarchy = runs.find((r) => r.status === 'running') ?? runs[0] ?? null;
    } catch (err) {
      this.hierarchyProblem = noticeOf(err);
    }
    await this.loadEstimate();
  }

  private onMiningEvent(event: MiningEventPayload): void {
    if (event.type === 'hierarchy') {
      if (!this.hierarchy || this.hierarchy.id === event.run.id || event.run.status === 'running')
        this.hierarchy = latestRun(this.hierarchy, event.run);
      return;
    }
    this.applyEvents([event]);
  }

  /** A job that ended changes its paper counts (read that job only), its report and what is left to mine. */
  private onJobEnded(jobId: string): void {
    void this.readJob(jobId);
    if (jobId !== this.activeJobId) return;
    void this.loadReport(jobId);
    void this.loadEstimate();
  }

  follow(): () => void {
    // Events missed while the event stream was down: each running job catches up, and the list shows new jobs.
    return followEvents(
      'mining.event',
      (event) => this.onMiningEvent(event),
      () => {
        for (const job of this.view.jobs) if (job.status === 'running') void this.catchUp(job.id);
        void this.loadJobs();
      },
    );
  }
}

export const papersMining = new PapersMining();
