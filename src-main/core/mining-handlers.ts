import type { Channel } from '../contract/channels.ts';
import type { MiningEventPayload, MiningSinceResult } from '../contract/mining.ts';
import type { GraphStore } from '../graph/port.ts';
import { createLlmClient, effectivePrices, resolveLlmConfig } from '../llm/index.ts';
import type { ResolvedLlmConfig } from '../llm/index.ts';
import { jobEventsAfter, latestJobEvent, recordJobEvent } from '../mining/job-events.ts';
import { estimateMining, miningJobReport } from '../mining/job-report.ts';
import { MiningDb } from '../mining/mining-db.ts';
import type { JobRow } from '../mining/mining-db.ts';
import { createMiningJob, runMiningJob } from '../mining/mining-job.ts';
import { PaperTextStore } from '../papers/paper-text-store.ts';
import { AppError } from '../shared/errors.ts';
import type { EventBus } from './event-bus.ts';
import { createHierarchyRuns } from './hierarchy-runs.ts';
import type { Handler } from './handler-table.ts';
import type { Logger } from './logger.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * The `mining.*` channels: jobs run in the background of the core process, progress goes out as `mining.event`.
 * The job file and the graph store are opened on the first mining request. A job left `running` by a crashed
 * process shows as `interrupted` and `mining.resume` continues it.
 */

type MiningChannel = Extract<Channel, `mining.${string}`>;
export type MiningHandlers = { [C in MiningChannel]: Handler<C> };

/** A job's progress or status event before it is numbered (hierarchy runs keep no job file: not numbered). */
type JobEventPayload = Exclude<MiningEventPayload, { type: 'hierarchy' }>;
type UnnumberedJobEvent = JobEventPayload extends infer E
  ? E extends JobEventPayload
    ? Omit<E, 'seq'>
    : never
  : never;

export interface MiningDeps {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  openGraph: () => Promise<GraphStore>;
  /** The API key from the encrypted secret store (env MOTIV_LLM_API_KEY still wins). */
  storedApiKey?: () => string | null;
}

interface Opened {
  db: MiningDb;
  store: GraphStore;
}

export function createMiningHandlers(deps: MiningDeps): { handlers: MiningHandlers; close(): Promise<void> } {
  let opening: Promise<Opened> | null = null;
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  const open = (): Promise<Opened> => {
    opening ??= deps.openGraph().then((store) => ({ store, db: MiningDb.open(deps.dataDir) }));
    return opening;
  };

  const llmConfig = (): ResolvedLlmConfig => {
    const { llm } = deps.settings.get();
    const config = resolveLlmConfig(
      { baseUrl: llm.baseUrl, model: llm.model, models: llm.models, apiKey: deps.storedApiKey?.() ?? null },
      deps.env,
    );
    if (config.sources.baseUrl === 'default' && !config.apiKey.isSet) {
      throw new AppError(
        'LLM_CONFIG',
        'No LLM endpoint is configured for mining. Set the LLM base URL in Settings, or MOTIV_LLM_BASE_URL.',
        { field: 'llm.baseUrl' },
      );
    }
    return config;
  };

  // Job events are numbered and stored per job (mining/job-events.ts) before they go out.
  const emit = (db: MiningDb, payload: UnnumberedJobEvent): void =>
    deps.events.emit('mining.event', recordJobEvent(db, payload) as MiningEventPayload);
  const prices = () => effectivePrices(deps.settings.get().prices.overrides);
  const bodyOf = (texts: PaperTextStore) => (id: string) => {
    const sections = texts.load(id)?.sections;
    return [sections?.introduction, sections?.method].filter(Boolean).join('\n\n') || undefined;
  };
  const hierarchy = createHierarchyRuns({
    settings: deps.settings,
    events: deps.events,
    logger: deps.logger,
    llmConfig,
    openStore: async () => (await open()).store,
    prices,
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

  const launch = (opened: Opened, jobId: string, config: ResolvedLlmConfig): void => {
    const settings = deps.settings.get();
    const controller = new AbortController();
    const texts = new PaperTextStore(deps.dataDir);
    const done = runMiningJob(jobId, {
      db: opened.db,
      store: opened.store,
      makeClient: (ledger) => createLlmClient(config, { ledger }),
      settings: settings.mining,
      prices: prices(),
      actor: settings.profile.displayName || 'app',
      signal: controller.signal,
      bodyOf: bodyOf(texts),
      onProgress: (progress) => emit(opened.db, { type: 'progress', ...progress }),
    })
      .then((summary) => {
        emit(opened.db, { type: 'status', jobId, status: summary.status, error: summary.error ?? null });
        deps.logger.info('mining job ended', { jobId, status: summary.status, papers: summary.papers });
        // Mined nodes (proposed for review) are in the graph now: the Graph section reloads its queue.
        if (summary.papers.done > 0) deps.events.emit('graph.changed', { ids: [], action: 'update' });
      })
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        deps.logger.error('mining job crashed', { jobId, error: message });
        emit(opened.db, { type: 'status', jobId, status: 'failed', error: message });
      })
      .finally(() => running.delete(jobId));
    running.set(jobId, { controller, done });
    emit(opened.db, { type: 'status', jobId, status: 'running', error: null });
  };

  const handlers: MiningHandlers = {
    'mining.start': async (request) => {
      const config = llmConfig();
      const opened = await open();
      const jobId = await createMiningJob(opened.db, opened.store, request);
      launch(opened, jobId, config);
      return record(opened.db, opened.db.job(jobId));
    },
    'mining.resume': async ({ jobId }) => {
      const config = llmConfig();
      const opened = await open();
      if (running.has(jobId)) return record(opened.db, opened.db.job(jobId));
      opened.db.claim(jobId); // refuses a completed job, or one another live process runs
      launch(opened, jobId, config);
      return record(opened.db, opened.db.job(jobId));
    },
    'mining.cancel': async ({ jobId }) => {
      const opened = await open();
      const job = running.get(jobId);
      if (!job) throw new AppError('CONFLICT', `Mining job ${jobId} is not running in this app`, { jobId });
      job.controller.abort();
      await job.done;
      return record(opened.db, opened.db.job(jobId));
    },
    'mining.list': async () => {
      const opened = await open();
      return opened.db.jobs().map((job) => record(opened.db, job));
    },
    'mining.report': async ({ jobId }) => {
      const opened = await open();
      return miningJobReport(opened.db, opened.store, jobId, prices());
    },
    'mining.since': async ({ jobId, seq }) => {
      const { db } = await open();
      return {
        seq: latestJobEvent(db, jobId),
        events: jobEventsAfter(db, jobId, seq, 1_000) as MiningSinceResult['events'],
      };
    },
    'mining.estimate': async (request) => {
      const config = llmConfig();
      const opened = await open();
      return estimateMining(opened.db, opened.store, request, {
        model: config.models.extractor,
        prices: prices(),
        bodyOf: bodyOf(new PaperTextStore(deps.dataDir)),
      });
    },
    ...hierarchy.handlers,
  };

  return {
    handlers,
    close: async () => {
      await hierarchy.close();
      for (const job of running.values()) job.controller.abort();
      await Promise.all([...running.values()].map((j) => j.done));
      if (opening) {
        const opened = await opening.catch(() => null);
        opened?.db.close();
        await opened?.store.close();
      }
    },
  };
}
