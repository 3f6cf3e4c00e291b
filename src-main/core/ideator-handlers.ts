import type { Channel } from '../contract/channels.ts';
import type { IdeatorChange, IdeatorUsageTotals } from '../contract/ideator.ts';
import type { GraphStore } from '../graph/port.ts';
import { buildConfig, IdeatorManager, worstCaseCalls, worstCaseUsage } from '../ideator/index.ts';
import type { IdeatorEvent, SessionChange, SessionRecord, StartInput } from '../ideator/index.ts';
import { createLlmClient, displayUrl, resolveLlmConfig, RunningTotals, UsageLedger } from '../llm/index.ts';
import type { PriceTable, ResolvedLlmConfig } from '../llm/index.ts';
import { effectivePrices } from '../llm/prices.ts';
import { openLiteratureProvider } from '../literature/index.ts';
import type { OpenedLiterature } from '../literature/index.ts';
import type { LiteratureSettings } from '../contract/settings-literature.ts';
import { AppError } from '../shared/errors.ts';
import type { EventBus } from './event-bus.ts';
import type { Handler } from './handler-table.ts';
import { ideaReport } from './idea-report.ts';
import type { Logger } from './logger.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * The `ideator.*` channels over one IdeatorManager. The manager (and the graph store it reads) is opened on the
 * first ideator request, not at start-up, so the app opens fast and an unreachable Neo4j only affects the
 * ideator. Every ideator event is forwarded as `ideator.event`; usage events carry the session's priced totals,
 * kept running per session (seeded once from the stored ledger). `ideator.since` replays a session's stored
 * changes after a `seq`, for a client that missed some.
 */

type IdeatorChannel = Extract<Channel, `ideator.${string}`>;
export type IdeatorHandlers = { [C in IdeatorChannel]: Handler<C> };

export interface IdeatorDeps {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  openGraph: () => Promise<GraphStore>;
  /** The API key from the encrypted secret store (env MOTIV_LLM_API_KEY still wins). */
  storedApiKey?: () => string | null;
}

export const NO_ENDPOINT_MESSAGE =
  'No LLM endpoint is configured. Set the LLM base URL in Settings, or set MOTIV_LLM_BASE_URL (an ' +
  'OpenAI-compatible /v1 URL, e.g. http://127.0.0.1:11434/v1 for Ollama) or MOTIV_LLM_API_KEY for OpenAI.';

interface Opened {
  manager: IdeatorManager;
  graph: GraphStore;
  literature: OpenedLiterature;
  /** Which endpoint the manager's client talks to; a settings change takes effect once nothing runs. */
  fingerprint: string;
}

function fingerprintOf(
  config: ResolvedLlmConfig,
  prices: PriceTable,
  literature: LiteratureSettings,
): string {
  const key = config.apiKey.isSet ? config.apiKey.reveal() : '';
  return JSON.stringify([config.baseUrl, key, config.models, prices, literature]);
}

function endpointProblem(config: ResolvedLlmConfig): string | null {
  return config.sources.baseUrl === 'default' && !config.apiKey.isSet ? NO_ENDPOINT_MESSAGE : null;
}

/** MOTIV_IDEATOR_LEASE_MS shortens or lengthens the session ownership lease (default 60 s). */
function leaseFrom(env: NodeJS.ProcessEnv): { lease?: { ms: number } } {
  const ms = Number(env.MOTIV_IDEATOR_LEASE_MS);
  return Number.isInteger(ms) && ms >= 300 ? { lease: { ms } } : {};
}

export function createIdeatorHandlers(deps: IdeatorDeps): {
  handlers: IdeatorHandlers;
  close(): Promise<void>;
} {
  let opened: Opened | null = null;
  let opening: Promise<Opened> | null = null;
  // Sessions this process is running, from the manager's own status events.
  const live = new Set<string>();

  const llmConfig = (): ResolvedLlmConfig => {
    const { llm } = deps.settings.get();
    const apiKey = deps.storedApiKey?.() ?? null;
    return resolveLlmConfig({ baseUrl: llm.baseUrl, model: llm.model, models: llm.models, apiKey }, deps.env);
  };

  // The built-in price table with the user's overrides from Settings.
  const prices = (): PriceTable => effectivePrices(deps.settings.get().prices.overrides);

  // Reading sessions needs no working endpoint: a broken MOTIV_LLM_BASE_URL must not hide the history.
  const readableConfig = (): ResolvedLlmConfig => {
    try {
      return llmConfig();
    } catch {
      return resolveLlmConfig({}, {});
    }
  };

  const usableConfig = (): ResolvedLlmConfig => {
    const config = llmConfig();
    const problem = endpointProblem(config);
    if (problem) throw new AppError('LLM_NOT_CONFIGURED', problem, { field: 'llm.baseUrl' });
    return config;
  };

  /** Each session's running totals, priced with the table the manager was opened with. */
  const running = new Map<string, RunningTotals>();

  const forward = (manager: IdeatorManager, table: PriceTable, event: IdeatorEvent): void => {
    if (event.type === 'status') {
      if (event.status === 'running') live.add(event.sessionId);
      else live.delete(event.sessionId);
    }
    if (event.type !== 'usage') return deps.events.emit('ideator.event', event);
    let totals = running.get(event.sessionId);
    if (!totals) {
      // The stored ledger already holds this entry: seed from it, do not add it twice.
      totals = new RunningTotals(table, manager.store.ledger(event.sessionId));
      running.set(event.sessionId, totals);
      deps.events.emit('ideator.event', { ...event, totals: totals.totals() });
      return;
    }
    deps.events.emit('ideator.event', { ...event, totals: totals.add(event.entry) });
  };

  /** Stored changes as the event carries them: usage with the running totals after each entry. */
  const priced = (manager: IdeatorManager, sessionId: string, changes: SessionChange[]): IdeatorChange[] => {
    if (!changes.some((c) => c.type === 'usage')) return changes as IdeatorChange[];
    const totals = new RunningTotals(prices());
    const after = new Map<number, IdeatorUsageTotals>();
    for (const entry of manager.store.ledger(sessionId)) after.set(entry.seq, totals.add(entry));
    return changes.map((c) =>
      c.type === 'usage' ? { ...c, totals: after.get(c.entry.seq) ?? totals.totals() } : c,
    );
  };

  const open = async (config: ResolvedLlmConfig): Promise<Opened> => {
    // A new manager may price with a new table: running totals start again from the stored ledgers.
    running.clear();
    const graph = await deps.openGraph();
    const settings = deps.settings.get();
    const table = prices();
    // Semantic Scholar → OpenAlex → arXiv; when all fail (or it is off) the tool answers from the local graph.
    const literature = openLiteratureProvider({
      dataDir: deps.dataDir,
      settings: settings.literature,
      env: deps.env,
      onAttempt: (attempt) => {
        if (attempt.outcome === 'failed' || attempt.outcome === 'skipped')
          deps.logger.warn('literature source did not answer', { ...attempt });
      },
    });
    let manager: IdeatorManager | null = null;
    manager = new IdeatorManager({
      dataDir: deps.dataDir,
      llm: createLlmClient(config, { ledger: new UsageLedger({ prices: table }) }),
      graph,
      ...(literature.provider ? { literature: literature.provider } : {}),
      actor: settings.profile.displayName || 'app',
      ...leaseFrom(deps.env),
      log: deps.logger,
      onEvent: (event) => {
        if (manager) forward(manager, table, event);
      },
    });
    deps.logger.info('ideator opened', { endpoint: displayUrl(config.baseUrl) });
    return { manager, graph, literature, fingerprint: fingerprintOf(config, table, settings.literature) };
  };

  const closeOpened = async (which: Opened): Promise<void> => {
    await which.manager.close();
    which.literature.close();
    await which.graph.close();
  };

  /** The manager; `config` given means "about to launch a run": reopen on a changed endpoint if idle. */
  const managerFor = async (config?: ResolvedLlmConfig): Promise<IdeatorManager> => {
    if (opening) await opening.catch(() => undefined);
    const wanted = config ?? readableConfig();
    if (
      opened &&
      config &&
      opened.fingerprint !== fingerprintOf(config, prices(), deps.settings.get().literature) &&
      live.size === 0
    ) {
      const old = opened;
      opened = null;
      await closeOpened(old);
    }
    if (!opened) {
      opening = open(wanted);
      try {
        opened = await opening;
      } finally {
        opening = null;
      }
    }
    return opened.manager;
  };

  /** Runs a change to a live session between a pause and a resume, so the runner cannot overwrite it. */
  const whilePaused = async <T>(manager: IdeatorManager, sessionId: string, change: () => Promise<T>) => {
    if (!live.has(sessionId)) return change();
    // The run may have ended on its own meanwhile; then there is nothing to resume afterwards.
    if ((await manager.pause(sessionId)).status !== 'paused') return change();
    try {
      return await change();
    } finally {
      manager.resume(sessionId);
    }
  };

  const withDefaults = <T extends { ideas?: number | undefined; maxRounds?: number | undefined }>(
    request: T,
  ): T & { ideas: number; maxRounds: number } => {
    const { ideation } = deps.settings.get();
    return {
      ...request,
      ideas: request.ideas ?? ideation.ideasPerTopic,
      maxRounds: request.maxRounds ?? ideation.maxRounds,
    };
  };

  const handlers: IdeatorHandlers = {
    'ideator.estimate': async (request) => {
      let config: ResolvedLlmConfig | null = null;
      let problem: string | null;
      try {
        config = llmConfig();
        problem = endpointProblem(config);
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
      }
      const { fork = false, ...options } = request;
      const input: StartInput = {
        ...withDefaults(options),
        ...(fork ? { ideas: 1, noMentor: false } : {}),
        topic: request.topic?.trim() || 'estimate',
      };
      const planned = buildConfig(input);
      const models = config?.models ?? { researcher: '(unknown)', mentor: '(unknown)' };
      const shape = { forked: fork };
      const usage = worstCaseUsage(planned, models, shape);
      return {
        calls: worstCaseCalls(planned, shape),
        promptTokens: usage.reduce((n, u) => n + u.promptTokens, 0),
        completionTokens: usage.reduce((n, u) => n + u.completionTokens, 0),
        cost: new UsageLedger({ prices: prices() }).estimateCost(usage),
        ideas: planned.ideas,
        maxRounds: planned.maxRounds,
        endpoint: {
          configured: problem === null,
          baseUrl: config ? displayUrl(config.baseUrl) : '',
          apiKeySet: config?.apiKey.isSet ?? false,
          models: { researcher: models.researcher, mentor: models.mentor },
          problem,
        },
      };
    },
    'ideator.start': async (request) => {
      const manager = await managerFor(usableConfig());
      const session = manager.start(withDefaults(request));
      deps.logger.info('ideation started', { sessionId: session.id });
      return session;
    },
    'ideator.list': async () => (await managerFor()).list(),
    'ideator.get': async ({ sessionId }) => (await managerFor()).get(sessionId),
    'ideator.since': async ({ sessionId, seq }) => {
      const manager = await managerFor();
      const { seq: latest, changes } = manager.since(sessionId, seq);
      return { seq: latest, changes: priced(manager, sessionId, changes) };
    },
    'ideator.pause': async ({ sessionId }) => (await managerFor()).pause(sessionId),
    'ideator.stop': async ({ sessionId }) => (await managerFor()).stop(sessionId),
    'ideator.resume': async ({ sessionId }): Promise<SessionRecord> => {
      const manager = await managerFor(usableConfig());
      return manager.resume(sessionId);
    },
    'ideator.interject': async ({ sessionId, text }) => {
      const manager = await managerFor();
      manager.store.session(sessionId);
      return whilePaused(manager, sessionId, async () => manager.interject(sessionId, text));
    },
    'ideator.decide': async ({ ideaId, decision, note }) => {
      const manager = await managerFor();
      const { sessionId } = manager.store.idea(ideaId);
      return whilePaused(manager, sessionId, () => manager.decide(ideaId, decision, note));
    },
    'ideator.undoDecision': async ({ ideaId }) => {
      const manager = await managerFor();
      const { sessionId } = manager.store.idea(ideaId);
      return whilePaused(manager, sessionId, () => manager.undoDecision(ideaId));
    },
    'ideator.fork': async ({ ideaId, version, options }) => {
      const manager = await managerFor(usableConfig());
      return manager.fork(ideaId, version, options ?? {});
    },
    'ideator.exportIdea': async ({ ideaId, version }) => {
      const manager = await managerFor();
      const { sessionId } = manager.store.idea(ideaId);
      return ideaReport(manager.get(sessionId), ideaId, version);
    },
  };

  return {
    handlers,
    close: async () => {
      if (opening) await opening.catch(() => undefined);
      if (opened) await closeOpened(opened);
      opened = null;
    },
  };
}
