import type { In, Out } from './service-io.ts';
import type { IdeatorChange, IdeatorUsageTotals } from '../contract/ideator.ts';
import type { GraphStore } from '../graph/port.ts';
import { buildConfig, IdeatorManager, worstCaseCalls, worstCaseUsage } from '../ideator/index.ts';
import type { IdeatorEvent, SessionChange, SessionRecord, StartInput } from '../ideator/index.ts';
import { createLlmClient, displayUrl, resolveLlmConfig, RunningTotals, UsageLedger } from '../llm/index.ts';
import type { PriceTable, ResolvedLlmConfig } from '../llm/index.ts';
import { openLiteratureProvider } from '../literature/index.ts';
import type { OpenedLiterature } from '../literature/index.ts';
import type { LiteratureSettings } from '../contract/settings-literature.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * Ideation, once per core: one IdeatorManager (and the graph store it reads), opened on the first request, not at
 * start-up, so the app opens fast and an unreachable Neo4j only affects the ideator. The `ideator.*` handlers and
 * `motiv ideate` both call it. Every ideator event is forwarded as `ideator.event`; usage events carry the
 * session's priced totals, kept running per session (seeded once from the stored ledger). `since` replays a
 * session's stored changes after a `seq`, for a client that missed some.
 */

export interface IdeationService {
  estimate(request: In<'ideator.estimate'>): Out<'ideator.estimate'>;
  start(request: In<'ideator.start'>): Out<'ideator.start'>;
  list(): Out<'ideator.list'>;
  get(sessionId: string): Out<'ideator.get'>;
  /** The session's stored changes after `seq` (a client that missed some catches up). */
  since(request: In<'ideator.since'>): Out<'ideator.since'>;
  pause(sessionId: string): Out<'ideator.pause'>;
  stop(sessionId: string): Out<'ideator.stop'>;
  resume(sessionId: string): Out<'ideator.resume'>;
  interject(request: In<'ideator.interject'>): Out<'ideator.interject'>;
  decide(request: In<'ideator.decide'>): Out<'ideator.decide'>;
  undoDecision(request: In<'ideator.undoDecision'>): Out<'ideator.undoDecision'>;
  fork(request: In<'ideator.fork'>): Out<'ideator.fork'>;
  /** The CLI waits for its session to end (completed, paused, failed…): no channel, a CLI-only need. */
  whenSettled(sessionId: string): Promise<SessionRecord>;
  close(): Promise<void>;
}

interface Opened {
  manager: IdeatorManager;
  graph: GraphStore;
  literature: OpenedLiterature;
  /** Which endpoint the manager's client talks to; a settings change takes effect once nothing runs. */
  fingerprint: string;
}

/** The researcher's and the mentor's configs: the same unless the mentor has its own endpoint. */
interface AgentConfigs {
  researcher: ResolvedLlmConfig;
  mentor: ResolvedLlmConfig;
}

const endpointOf = (config: ResolvedLlmConfig): [string, string] => [
  config.baseUrl,
  config.apiKey.isSet ? config.apiKey.reveal() : '',
];

function fingerprintOf(configs: AgentConfigs, prices: PriceTable, literature: LiteratureSettings): string {
  const { researcher, mentor } = configs;
  return JSON.stringify([
    endpointOf(researcher),
    endpointOf(mentor),
    researcher.models,
    mentor.models,
    prices,
    literature,
  ]);
}

/** MOTIV_IDEATOR_LEASE_MS shortens or lengthens the session ownership lease (default 60 s). */
function leaseFrom(env: NodeJS.ProcessEnv): { lease?: { ms: number } } {
  const ms = Number(env.MOTIV_IDEATOR_LEASE_MS);
  return Number.isInteger(ms) && ms >= 300 ? { lease: { ms } } : {};
}

export function createIdeationService(host: ServiceHost): IdeationService {
  let opened: Opened | null = null;
  let opening: Promise<Opened> | null = null;
  // Sessions this process is running, from the manager's own status events.
  const live = new Set<string>();

  // Reading sessions needs no working endpoint: a broken MOTIV_LLM_BASE_URL must not hide the history.
  const readableConfig = (): AgentConfigs => {
    let config: ResolvedLlmConfig;
    try {
      config = host.llmConfig();
    } catch {
      config = resolveLlmConfig({}, {});
    }
    return { researcher: config, mentor: config };
  };

  // Each agent through its role's endpoint (llm.endpoints): the mentor may run on a local model.
  const usableConfig = (): AgentConfigs => {
    const loaded = host.config();
    return { researcher: loaded.requireLlm('researcher'), mentor: loaded.requireLlm('mentor') };
  };

  /** Each session's running totals, priced with the table the manager was opened with. */
  const running = new Map<string, RunningTotals>();

  const forward = (manager: IdeatorManager, table: PriceTable, event: IdeatorEvent): void => {
    if (event.type === 'status') {
      if (event.status === 'running') live.add(event.sessionId);
      else live.delete(event.sessionId);
    }
    if (event.type !== 'usage') return host.events.emit('ideator.event', event);
    let totals = running.get(event.sessionId);
    if (!totals) {
      // The stored ledger already holds this entry: seed from it, do not add it twice.
      totals = new RunningTotals(table, manager.store.ledger(event.sessionId));
      running.set(event.sessionId, totals);
      host.events.emit('ideator.event', { ...event, totals: totals.totals() });
      return;
    }
    host.events.emit('ideator.event', { ...event, totals: totals.add(event.entry) });
  };

  /** Stored changes as the event carries them: usage with the running totals after each entry. */
  const priced = (manager: IdeatorManager, sessionId: string, changes: SessionChange[]): IdeatorChange[] => {
    if (!changes.some((c) => c.type === 'usage')) return changes as IdeatorChange[];
    const totals = new RunningTotals(host.prices());
    const after = new Map<number, IdeatorUsageTotals>();
    for (const entry of manager.store.ledger(sessionId)) after.set(entry.seq, totals.add(entry));
    return changes.map((c) =>
      c.type === 'usage' ? { ...c, totals: after.get(c.entry.seq) ?? totals.totals() } : c,
    );
  };

  const open = async (configs: AgentConfigs): Promise<Opened> => {
    const config = configs.researcher;
    // A new manager may price with a new table: running totals start again from the stored ledgers.
    running.clear();
    const graph = await host.openGraph();
    const settings = host.settings.get();
    const table = host.prices();
    // Semantic Scholar → OpenAlex → arXiv; when all fail (or it is off) the tool answers from the local graph.
    let literature: OpenedLiterature;
    try {
      literature = openLiteratureProvider({
        dataDir: host.dataDir,
        config: host.config().literature(),
        onAttempt: (attempt) => {
          if (attempt.outcome === 'failed' || attempt.outcome === 'skipped')
            host.logger.warn('literature source did not answer', { ...attempt });
        },
      });
    } catch (err) {
      await graph.close();
      throw err;
    }
    let manager: IdeatorManager | null = null;
    try {
      const ledger = new UsageLedger({ prices: table });
      const sameEndpoint = JSON.stringify(endpointOf(configs.mentor)) === JSON.stringify(endpointOf(config));
      manager = new IdeatorManager({
        dataDir: host.dataDir,
        llm: createLlmClient(config, { ledger }),
        ...(sameEndpoint ? {} : { mentorLlm: createLlmClient(configs.mentor, { ledger }) }),
        graph,
        ...(literature.provider ? { literature: literature.provider } : {}),
        actor: host.actor(),
        // Nobody watches tokens arrive on the command line.
        stream: host.transport !== 'cli',
        ...leaseFrom(host.env),
        log: host.logger,
        onEvent: (event) => {
          if (manager) forward(manager, table, event);
        },
      });
    } catch (err) {
      literature.close();
      await graph.close();
      throw err;
    }
    host.logger.info('ideator opened', {
      endpoint: displayUrl(config.baseUrl),
      mentorEndpoint: displayUrl(configs.mentor.baseUrl),
    });
    return { manager, graph, literature, fingerprint: fingerprintOf(configs, table, settings.literature) };
  };

  const closeOpened = async (which: Opened): Promise<void> => {
    await which.manager.close();
    which.literature.close();
    await which.graph.close();
  };

  /** The manager; `config` given means "about to launch a run": reopen on a changed endpoint if idle. */
  const managerFor = async (config?: AgentConfigs): Promise<IdeatorManager> => {
    if (opening) await opening.catch(() => undefined);
    const wanted = config ?? readableConfig();
    if (
      opened &&
      config &&
      opened.fingerprint !== fingerprintOf(config, host.prices(), host.settings.get().literature) &&
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
    const { ideation } = host.settings.get();
    return {
      ...request,
      ideas: request.ideas ?? ideation.ideasPerTopic,
      maxRounds: request.maxRounds ?? ideation.maxRounds,
    };
  };

  return {
    estimate: async (request) => {
      let config: ResolvedLlmConfig | null = null;
      let roleModels: { researcher: string; mentor: string } | null = null;
      let problem: string | null;
      try {
        const loaded = host.config();
        config = loaded.readLlm();
        // Each agent as it would run: its own endpoint (llm.endpoints) and the model named there.
        const { researcher, mentor } = usableConfig();
        config = researcher;
        roleModels = { researcher: researcher.models.researcher, mentor: mentor.models.mentor };
        problem = null;
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
      const models = roleModels ?? config?.models ?? { researcher: '(unknown)', mentor: '(unknown)' };
      const shape = { forked: fork };
      const priced = { researcher: planned.researcherModel ?? models.researcher, mentor: models.mentor };
      const usage = worstCaseUsage(planned, priced, shape);
      return {
        calls: worstCaseCalls(planned, shape),
        promptTokens: usage.reduce((n, u) => n + u.promptTokens, 0),
        completionTokens: usage.reduce((n, u) => n + u.completionTokens, 0),
        cost: new UsageLedger({ prices: host.prices() }).estimateCost(usage),
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
    start: async (request) => {
      const manager = await managerFor(usableConfig());
      const session = manager.start(withDefaults(request));
      host.logger.info('ideation started', { sessionId: session.id });
      return session;
    },
    list: async () => (await managerFor()).list(),
    get: async (sessionId) => (await managerFor()).get(sessionId),
    since: async ({ sessionId, seq }) => {
      const manager = await managerFor();
      const { seq: latest, changes } = manager.since(sessionId, seq);
      return { seq: latest, changes: priced(manager, sessionId, changes) };
    },
    pause: async (sessionId) => (await managerFor()).pause(sessionId),
    stop: async (sessionId) => (await managerFor()).stop(sessionId),
    resume: async (sessionId) => (await managerFor(usableConfig())).resume(sessionId),
    interject: async ({ sessionId, text }) => {
      const manager = await managerFor();
      manager.store.session(sessionId);
      return whilePaused(manager, sessionId, async () => manager.interject(sessionId, text));
    },
    decide: async ({ ideaId, decision, note }) => {
      const manager = await managerFor();
      const { sessionId } = manager.store.idea(ideaId);
      return whilePaused(manager, sessionId, () => manager.decide(ideaId, decision, note));
    },
    undoDecision: async ({ ideaId }) => {
      const manager = await managerFor();
      const { sessionId } = manager.store.idea(ideaId);
      return whilePaused(manager, sessionId, () => manager.undoDecision(ideaId));
    },
    fork: async ({ ideaId, version, options }) => {
      const manager = await managerFor(usableConfig());
      return manager.fork(ideaId, version, options ?? {});
    },
    whenSettled: async (sessionId) => (await managerFor()).whenSettled(sessionId),
    close: async () => {
      if (opening) await opening.catch(() => undefined);
      if (opened) await closeOpened(opened);
      opened = null;
    },
  };
}
