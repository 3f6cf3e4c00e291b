import { randomUUID } from 'node:crypto';
import type { Channel } from '../contract/channels.ts';
import type { HierarchyRun, MiningEventPayload } from '../contract/mining.ts';
import type { GraphStore } from '../graph/port.ts';
import { createLlmClient, UsageLedger } from '../llm/index.ts';
import type { PriceTable, ResolvedLlmConfig } from '../llm/index.ts';
import { buildHierarchy } from '../mining/hierarchy.ts';
import { chooseSimilarity } from '../mining/similarity.ts';
import type { TextEmbedder } from '../mining/similarity.ts';
import { AppError } from '../shared/errors.ts';
import type { EventBus } from './event-bus.ts';
import type { Handler } from './handler-table.ts';
import type { Logger } from './logger.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * `mining.hierarchy*`: parent-node addition (mining/hierarchy.ts) as a background run with progress on
 * `mining.event` ({ type: 'hierarchy', run }) and cancel. Hierarchy keeps no job file by design (each parent is
 * written as it is decided, so a new run continues with the nodes still without a parent); the runs listed here
 * are this process's, kept so the app can reattach to a run after the user leaves the section.
 */

type HierarchyChannel = 'mining.hierarchy' | 'mining.hierarchyCancel' | 'mining.hierarchyRuns';
export type HierarchyHandlers = { [C in Extract<Channel, HierarchyChannel>]: Handler<C> };

export interface HierarchyDeps {
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  /** Throws LLM_NOT_CONFIGURED when no endpoint is configured. */
  llmConfig: () => ResolvedLlmConfig;
  openStore: () => Promise<GraphStore>;
  prices: () => PriceTable;
  /** The local MiniLM, or null when its files are missing: candidates use the embeddings merging and search use. */
  localEmbedder: () => Promise<TextEmbedder | null>;
}

const KEEP_FINISHED = 20;

interface Live {
  run: HierarchyRun;
  controller: AbortController;
  done: Promise<void>;
}

export function createHierarchyRuns(deps: HierarchyDeps): {
  handlers: HierarchyHandlers;
  close(): Promise<void>;
} {
  const runs = new Map<string, Live>();
  const emit = (run: HierarchyRun): void =>
    deps.events.emit('mining.event', { type: 'hierarchy', run: { ...run } } satisfies MiningEventPayload);

  const forget = (): void => {
    const finished = [...runs.values()].filter((l) => l.run.status !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      runs.delete(old.run.id);
  };

  const handlers: HierarchyHandlers = {
    'mining.hierarchy': async (request) => {
      const busy = [...runs.values()].find((l) => l.run.status === 'running');
      if (busy) {
        // Two runs would judge the same parentless nodes and race to give them parents.
        throw new AppError(
          'CONFLICT',
          `A ${busy.run.kind} hierarchy run is still going; cancel it or wait for it to finish`,
          { runId: busy.run.id },
        );
      }
      const config = deps.llmConfig();
      const store = await deps.openStore();
      const settings = deps.settings.get();
      const actor = settings.profile.displayName || 'app';
      const ledger = new UsageLedger({ prices: deps.prices() });
      const llm = createLlmClient(config, { ledger });
      const controller = new AbortController();
      const similarity = await chooseSimilarity(llm, store, {
        actor,
        signal: controller.signal,
        local: await deps.localEmbedder(),
      });
      const run: HierarchyRun = {
        id: randomUUID(),
        kind: request.kind,
        levels: request.levels,
        fromLevel: request.fromLevel,
        status: 'running',
        method: similarity.name,
        note: similarity.note ?? null,
        level: request.fromLevel,
        workingSet: 0,
        position: 0,
        judged: 0,
        parents: 0,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        error: null,
        startedAt: new Date().toISOString(),
        report: null,
      };
      const usage = (): void => {
        const totals = ledger.totals();
        run.promptTokens = totals.promptTokens;
        run.completionTokens = totals.completionTokens;
        run.costUsd = totals.cost.usd;
      };
      let parentsBefore = 0; // parents of the levels already finished
      let currentLevel = request.fromLevel;
      const done = buildHierarchy(store, {
        kind: request.kind,
        levels: request.levels,
        fromLevel: request.fromLevel,
        k: request.k ?? settings.mining.k,
        similarity,
        llm,
        review: settings.mining.autoApprove ? 'approved' : 'proposed',
        actor,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.level !== currentLevel) {
            parentsBefore = run.parents;
            currentLevel = p.level;
          }
          Object.assign(run, {
            level: p.level,
            workingSet: p.workingSet,
            position: p.position,
            judged: p.judged,
            parents: parentsBefore + p.parents,
          });
          usage();
          emit(run);
        },
      })
        .then((report) => {
          run.status = 'completed';
          run.report = report.levels;
          run.parents = report.levels.reduce((n, l) => n + l.parents.length, 0);
          const ids = report.levels.flatMap((l) => l.parents.map((p) => p.id));
          if (ids.length > 0) deps.events.emit('graph.changed', { ids, action: 'update' });
        })
        .catch((err: unknown) => {
          const cancelled = err instanceof AppError && err.code === 'CANCELLED';
          run.status = cancelled ? 'cancelled' : 'failed';
          run.error = cancelled ? null : err instanceof Error ? err.message : String(err);
          // Parents written before the stop are kept; let the Graph section show them.
          if (run.parents > 0) deps.events.emit('graph.changed', { ids: [], action: 'update' });
        })
        .finally(() => {
          usage();
          deps.logger.info('hierarchy run ended', {
            runId: run.id,
            kind: run.kind,
            status: run.status,
            parents: run.parents,
          });
          emit(run);
          forget();
        });
      runs.set(run.id, { run, controller, done });
      emit(run);
      return { ...run };
    },
    'mining.hierarchyCancel': async ({ runId }) => {
      const live = runs.get(runId);
      if (!live) throw new AppError('NOT_FOUND', `No hierarchy run ${runId} in this app`, { field: 'runId' });
      if (live.run.status !== 'running') {
        throw new AppError('CONFLICT', `Hierarchy run ${runId} has already ended (${live.run.status})`, {
          runId,
        });
      }
      live.controller.abort();
      await live.done;
      return { ...live.run };
    },
    'mining.hierarchyRuns': async () => [...runs.values()].map((l) => ({ ...l.run })).reverse(),
  };

  return {
    handlers,
    close: async () => {
      for (const live of runs.values()) live.controller.abort();
      await Promise.all([...runs.values()].map((l) => l.done));
    },
  };
}
