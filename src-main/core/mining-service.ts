import type { In, Out } from './service-io.ts';
import type { MiningEventPayload, MiningSinceResult } from '../contract/mining.ts';
import type { GraphStore } from '../graph/port.ts';
import { createLlmClient } from '../llm/index.ts';
import type { ResolvedLlmConfig } from '../llm/index.ts';
import { jobEventsAfter, latestJobEvent, recordJobEvent } from '../mining/job-events.ts';
import { estimateMining, miningJobReport } from '../mining/job-report.ts';
import { MiningDb } from '../mining/mining-db.ts';
import type { JobRow } from '../mining/mining-db.ts';
import { createMiningJob, runMiningJob } from '../mining/mining-job.ts';
import type { MiningJobSummary, MiningProgress } from '../mining/mining-job.ts';
import { PaperTextStore } from '../papers/paper-text-store.ts';
import { AppError } from '../shared/errors.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import { runHierarchyHere, type HierarchyHereOutcome, type HierarchyHereRequest } from './hierarchy-here.ts';
import { createHierarchyRuns, type HierarchyHandlers } from './hierarchy-runs.ts';
import type { ServiceHost } from './service-host.ts';
import { storeKey } from './config.ts';
import { createLazyGraphStore } from './lazy-graph-store.ts';
import { minilmPresent, modelsDirFor } from '../embeddings/minilm-files.ts';
import { sharedLocalEmbedder } from '../embeddings/shared-embedder.ts';
import type { LocalEmbedder } from '../embeddings/local-minilm.ts';

/**
 * Mining, once per core: jobs run in the background of the core process, progress goes out as `mining.event`.
 * The job file and the graph store are opened on the first mining request. A job left `running` by a crashed
 * process shows as `interrupted` and `resume` continues it. `motiv mine` runs a job in the foreground (`runHere`)
 * with the CLI's own flags.
 */

/** What `motiv mine` asks for: a new job over these papers, or an interrupted one continued. */
export type ForegroundJob = { resume: string } | { paperIds?: string[]; remine: boolean };

export interface ForegroundOptions {
  concurrency?: number;
  merge: boolean;
  signal: AbortSignal;
  onJob: (jobId: string) => void;
  onProgress: (progress: MiningProgress) => void;
}

export interface MiningService {
  start(request: In<'mining.start'>): Out<'mining.start'>;
  resume(jobId: string): Out<'mining.resume'>;
  cancel(jobId: string): Out<'mining.cancel'>;
  list(): Out<'mining.list'>;
  job(jobId: string): Out<'mining.job'>;
  report(jobId: string): Out<'mining.report'>;
  estimate(request: In<'mining.estimate'>): Out<'mining.estimate'>;
  /** A job's stored events after `seq` (a client that missed some catches up). */
  since(request: In<'mining.since'>): Out<'mining.since'>;
  /** Parent-node runs (hierarchy-runs.ts), on the same store. */
  hierarchy: HierarchyHandlers;
  /** The endpoint jobs use; LLM_NOT_CONFIGURED when none is configured. */
  llmConfig(): ResolvedLlmConfig;
  /** Whether the local MiniLM files are there (merging and hierarchy use them before any fallback). */
  localModelPresent(): boolean;
  /** The CLI: parent-node addition run here to its end (`motiv hierarchy`). */
  hierarchyHere(request: HierarchyHereRequest): Promise<HierarchyHereOutcome>;
  /** The CLI: one job run here to its end, with flags the channel does not carry (--concurrency, --no-merge). */
  runHere(job: ForegroundJob, options: ForegroundOptions): Promise<MiningJobSummary>;
  close(): Promise<void>;
}

interface Opened {
  db: MiningDb;
  store: GraphStore;
}

/** A job's progress or status event before it is numbered (hierarchy runs keep no job file: not numbered). */
type JobEventPayload = Exclude<MiningEventPayload, { type: 'hierarchy' }>;
type UnnumberedJobEvent = JobEventPayload extends infer E
  ? E extends JobEventPayload
    ? Omit<E, 'seq'>
    : never
  : never;

export function createMiningService(host: ServiceHost): MiningService {
  // The store chosen in Settings now: after a switch the next job opens the new one; a job still running on
  // the old handle finishes the call it is in, and its next write is refused (lazy-graph-store.ts).
  const graph = createLazyGraphStore(
    () => host.openGraph(),
    () => storeKey(host.config()),
  );
  let db: MiningDb | null = null;
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  const open = async (): Promise<Opened> => {
    const store = await graph.get();
    db ??= MiningDb.open(host.dataDir);
    return { store, db };
  };

  const llmConfig = (): ResolvedLlmConfig => host.config().requireLlm('extractor');

  // Job events are numbered and stored per job (mining/job-events.ts) before they go out.
  const emit = (db: MiningDb, payload: UnnumberedJobEvent): void =>
    host.events.emit('mining.event', recordJobEvent(db, payload) as MiningEventPayload);
  const bodyOf = (texts: PaperTextStore) => (id: string) => {
    const sections = texts.load(id)?.sections;
    return [sections?.introduction, sections?.method].filter(Boolean).join('\n\n') || undefined;
  };
  // Files missing: merging and hierarchy fall back to the endpoint or lexical similarity, and say so.
  const localEmbedder = (): Promise<LocalEmbedder | null> =>
    sharedLocalEmbedder(modelsDirFor(host.dataDir, host.env)).catch(() => null);
  const hierarchy = createHierarchyRuns({
    settings: host.settings,
    events: host.events,
    logger: host.logger,
    llmConfig,
    openStore: async () => (await open()).store,
    prices: host.prices,
    localEmbedder,
  });

  const record = (db: MiningDb, job: JobRow) => {
    const papers = db.papers(job.id);
    const count = (status: string) => papers.filter((p) => p.status === status).length;
    return {
      id: job.id,
      status: job.status,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      error: job.error,
      papers: {
        total: papers.length,
        done: count('done'),
        failed: count('failed'),
        pending: count('pending') + count('extracted'),
      },
      live: running.has(job.id),
      seq: latestJobEvent(db, job.id),
    };
  };

  /** One job run to its summary: the app's background launch and the CLI's foreground run share it. */
  const execute = (
    opened: Opened,
    jobId: string,
    config: ResolvedLlmConfig,
    run: {
      signal: AbortSignal;
      merge?: boolean;
      concurrency?: number;
      onProgress: ForegroundOptions['onProgress'];
    },
  ): Promise<MiningJobSummary> => {
    const settings = host.settings.get().mining;
    return runMiningJob(jobId, {
      db: opened.db,
      store: opened.store,
      makeClient: (ledger) => createLlmClient(config, { ledger }),
      settings: run.concurrency ? { ...settings, concurrency: run.concurrency } : settings,
      prices: host.prices(),
      actor: host.actor(),
      signal: run.signal,
      ...(run.merge === undefined ? {} : { merge: run.merge }),
      bodyOf: bodyOf(new PaperTextStore(host.dataDir)),
      localEmbedder,
      onProgress: run.onProgress,
      log: host.logger,
    });
  };

  const launch = (opened: Opened, jobId: string, config: ResolvedLlmConfig): void => {
    const controller = new AbortController();
    const done = execute(opened, jobId, config, {
      signal: controller.signal,
      onProgress: (progress) => emit(opened.db, { type: 'progress', ...progress }),
    })
      .then((summary) => {
        emit(opened.db, { type: 'status', jobId, status: summary.status, error: summary.error ?? null });
        host.logger.info('mining job ended', { jobId, status: summary.status, papers: summary.papers });
        // Mined nodes (proposed for review) are in the graph now: the Graph section reloads its queue.
        if (summary.papers.done > 0) host.events.emit('graph.changed', { ids: [], action: 'update' });
      })
      .catch((err: unknown) => {
        // A raw fault may hold a path or a secret: the event names the id the log has it under.
        const { message } = replyErrorOf(err, host.logger, { where: 'mining job crashed', jobId });
        if (err instanceof AppError) host.logger.error('mining job crashed', { jobId, error: message });
        emit(opened.db, { type: 'status', jobId, status: 'failed', error: message });
      })
      .finally(() => running.delete(jobId));
    running.set(jobId, { controller, done });
    emit(opened.db, { type: 'status', jobId, status: 'running', error: null });
  };

  return {
    start: async (request) => {
      const config = llmConfig();
      const opened = await open();
      const jobId = await createMiningJob(opened.db, opened.store, request);
      launch(opened, jobId, config);
      return record(opened.db, opened.db.job(jobId));
    },
    resume: async (jobId) => {
      const config = llmConfig();
      const opened = await open();
      if (running.has(jobId)) return record(opened.db, opened.db.job(jobId));
      opened.db.claim(jobId); // refuses a completed job, or one another live process runs
      launch(opened, jobId, config);
      return record(opened.db, opened.db.job(jobId));
    },
    cancel: async (jobId) => {
      const opened = await open();
      const job = running.get(jobId);
      if (!job) throw new AppError('CONFLICT', `Mining job ${jobId} is not running in this app`, { jobId });
      job.controller.abort();
      await job.done;
      return record(opened.db, opened.db.job(jobId));
    },
    list: async () => {
      const opened = await open();
      return opened.db.jobs().map((job) => record(opened.db, job));
    },
    job: async (jobId) => {
      const opened = await open();
      return record(opened.db, opened.db.job(jobId));
    },
    report: async (jobId) => {
      const opened = await open();
      return miningJobReport(opened.db, opened.store, jobId, host.prices());
    },
    since: async ({ jobId, seq }) => {
      const { db } = await open();
      return {
        seq: latestJobEvent(db, jobId),
        events: jobEventsAfter(db, jobId, seq, 1_000) as MiningSinceResult['events'],
      };
    },
    estimate: async (request) => {
      const config = llmConfig();
      const opened = await open();
      return estimateMining(opened.db, opened.store, request, {
        model: config.models.extractor,
        prices: host.prices(),
        bodyOf: bodyOf(new PaperTextStore(host.dataDir)),
      });
    },
    hierarchy: hierarchy.handlers,
    llmConfig,
    localModelPresent: () => minilmPresent(modelsDirFor(host.dataDir, host.env)),
    hierarchyHere: (request) => runHierarchyHere(host, llmConfig(), request, localEmbedder),
    runHere: async (job, options) => {
      const config = llmConfig();
      const opened = await open();
      const jobId = 'resume' in job ? job.resume : await createMiningJob(opened.db, opened.store, job);
      options.onJob(jobId);
      return execute(opened, jobId, config, options);
    },
    close: async () => {
      await hierarchy.close();
      for (const job of running.values()) job.controller.abort();
      await Promise.all([...running.values()].map((j) => j.done));
      db?.close();
      db = null;
      await graph.close();
    },
  };
}
