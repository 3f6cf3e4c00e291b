import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../contract/channels.ts';
import type { In, Out } from './service-io.ts';
import { ErrorCodeSchema } from '../contract/errors.ts';
import type { ProtocolPlan, ProtocolSetting } from '../contract/protocol.ts';
import { minilmPresent, modelMissingError, modelsDirFor } from '../embeddings/minilm-files.ts';
import { sharedLocalEmbedder } from '../embeddings/shared-embedder.ts';
import { DEFAULT_LEASE_MS, markDone, markLive } from '../ideator/ownership.ts';
import type { Owner } from '../ideator/ownership.ts';
import { PAPER_REFERENCE } from '../judge/paper-reference.ts';
import { estimateProtocol } from '../judge/protocol-estimate.ts';
import { exportRun } from '../judge/protocol-export.ts';
import { runProtocol } from '../judge/protocol-runner.ts';
import type { ProtocolIdeation } from '../judge/protocol-runner.ts';
import { ProtocolStore } from '../judge/protocol-store.ts';
import type { RunState, StoredRun } from '../judge/protocol-store.ts';
import { AppError } from '../shared/errors.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import type { EvaluationService } from './evaluation-service.ts';
import type { IdeationService } from './ideation-service.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * Protocol runs (the `protocol.*` channels and `motiv protocol`), built once per core on the ideation and
 * evaluation services: sessions through the ideation service, judgments through the evaluation service's judge
 * and store. A run belongs to one process at a time (lease in protocol.sqlite, renewed by a heartbeat that also
 * picks up a cancel asked from another process); closing the core stops its runs where they are, to be resumed.
 */

export interface ProtocolService {
  estimate(request: In<'protocol.estimate'>): Out<'protocol.estimate'>;
  start(request: In<'protocol.start'>): Out<'protocol.start'>;
  list(): Out<'protocol.list'>;
  get(request: In<'protocol.get'>): Out<'protocol.get'>;
  cancel(request: In<'protocol.cancel'>): Out<'protocol.cancel'>;
  resume(request: In<'protocol.resume'>): Out<'protocol.resume'>;
  export(request: In<'protocol.export'>): Out<'protocol.export'>;
  since(request: In<'protocol.since'>): Out<'protocol.since'>;
  reference(): Out<'protocol.reference'>;
  /** Resolves when the run's work in this process has ended (tests and the CLI wait on it). */
  whenSettled(runId: string): Promise<ResponseOf<'protocol.get'>>;
  close(): Promise<void>;
}

interface LiveRun {
  controller: AbortController;
  done: Promise<void>;
}

export interface ProtocolServiceDeps {
  host: ServiceHost;
  ideation: IdeationService;
  evaluation: EvaluationService;
  /** Lease length (default 60 s; tests shorten it). */
  leaseMs?: number;
}

export function createProtocolService(deps: ProtocolServiceDeps): ProtocolService {
  const { host, ideation, evaluation } = deps;
  const fromEnv = Number(host.env['MOTIV_PROTOCOL_LEASE_MS']);
  const leaseMs = deps.leaseMs ?? (Number.isInteger(fromEnv) && fromEnv >= 300 ? fromEnv : DEFAULT_LEASE_MS);
  let opened: ProtocolStore | null = null;
  const store = (): ProtocolStore => (opened ??= new ProtocolStore(join(host.dataDir, 'protocol.sqlite')));
  const live = new Map<string, LiveRun>();

  const sessions: ProtocolIdeation = {
    start: async (topic, setting, ideas) => (await ideation.start(sessionRequest(topic, setting, ideas))).id,
    finish: async (sessionId, signal) => {
      if (signal.aborted) throw cancelled();
      let onAbort = (): void => undefined;
      let pausing: Promise<unknown> = Promise.resolve();
      // Cancel pauses the session (resumable); closing the core leaves it to the ideation service's own close.
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          if (signal.reason === 'cancel') pausing = ideation.pause(sessionId).catch(() => undefined);
          reject(cancelled());
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const status = (await ideation.get(sessionId)).session.status;
        if (status !== 'completed' && status !== 'running') await ideation.resume(sessionId);
        const settled = await Promise.race([ideation.whenSettled(sessionId), aborted]);
        if (settled.status !== 'completed') {
          // The session's own typed failure (an LLM refusal, a bad key…) is the run's; a session another
          // process paused or stopped is a CONFLICT.
          const failed = ErrorCodeSchema.safeParse(settled.error?.code);
          const why = settled.error?.message ?? `it is ${settled.status}`;
          throw new AppError(
            failed.success ? failed.data : 'CONFLICT',
            `Ideation session ${sessionId} did not complete: ${why}`,
            { sessionId, status: settled.status },
          );
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        // The run ends only once its session is paused, so a cancel's reply shows it settled.
        await pausing;
      }
    },
    ideas: (sessionId) => evaluation.sessionIdeas(sessionId),
    usage: async (sessionId) => {
      const { usage } = await ideation.get(sessionId);
      return {
        tokens: usage.promptTokens + usage.completionTokens,
        costUsd: usage.cost.usd,
        unpricedModels: usage.cost.unpricedModels,
      };
    },
  };

  const launch = (runId: string): void => {
    const files = store();
    const lease = files.claim(runId, leaseMs);
    const key = files.key(runId);
    markLive(key);
    const controller = new AbortController();
    const heartbeat = setInterval(
      () => {
        try {
          if (!files.renew(runId, lease, leaseMs)) controller.abort('lost');
          else if (files.cancelRequested(runId)) controller.abort('cancel');
        } catch {
          // A busy file: the next beat tries again, well within the lease.
        }
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const plan = files.get(runId).plan;
    const done = runProtocol(runId, plan, {
      store: files,
      ideation: sessions,
      judge: { ...evaluation.judgeDeps(controller.signal), signal: controller.signal },
      embedder: () => sharedLocalEmbedder(modelsDirFor(host.dataDir, host.env)),
      onEvent: (event) => host.events.emit('protocol.event', event),
    })
      .then(
        () => finish(runId, lease, 'completed', null),
        (err: unknown) => {
          const reason: unknown = controller.signal.reason;
          if (reason === 'close' || reason === 'lost') return;
          if (controller.signal.aborted) return finish(runId, lease, 'cancelled', null);
          const body = replyErrorOf(err, host.logger, { runId });
          return finish(runId, lease, 'failed', { code: body.code, message: body.message });
        },
      )
      .finally(() => {
        clearInterval(heartbeat);
        markDone(key);
        live.delete(runId);
      });
    live.set(runId, { controller, done });
  };

  const finish = (runId: string, lease: Owner, state: RunState, error: StoredRun['error']): void => {
    store().release(runId, lease, state, error);
    host.events.emit('protocol.event', store().stateEvent(runId));
    host.logger.info('protocol run ended', { runId, state });
  };

  const view = (run: StoredRun): ResponseOf<'protocol.get'> => ({
    id: run.id,
    name: run.name,
    state: run.state,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    progress: run.progress,
    costUsd: run.costUsd,
    plan: run.plan,
    error: run.error,
    seq: run.seq,
    table: run.results?.table ?? [],
    eloByRound: run.results?.eloByRound ?? [],
    comparability: run.results?.comparability ?? null,
    judgeModel: run.results?.judgeModel ?? null,
    rubricVersion: run.results?.rubricVersion ?? null,
  });
  const summary = ({ plan: _p, error: _e, seq: _s, results: _r, ...rest }: StoredRun) => rest;

  return {
    estimate: async (plan) => {
      const config = host.config().readLlm();
      return estimateProtocol(plan, config.models, host.prices(), host.settings.get().ideation.maxRounds);
    },
    start: async (request) => {
      // Fails now, not after the first session, when the researcher or the judge has no model.
      host.config().requireLlm('researcher');
      host.config().requireLlm('judge');
      // Diversity needs the local MiniLM at the end: refuse now rather than after every call is paid for.
      const modelsDir = modelsDirFor(host.dataDir, host.env);
      if (!minilmPresent(modelsDir)) throw modelMissingError(modelsDir);
      const { name, ...plan } = request;
      const runId = randomUUID();
      store().create(runId, name ?? defaultName(plan), plan);
      launch(runId);
      host.logger.info('protocol run started', { runId });
      return { runId };
    },
    list: async () => ({ runs: store().list().map(summary) }),
    get: async ({ runId }) => view(store().get(runId)),
    cancel: async ({ runId }) => {
      const running = live.get(runId);
      if (running) {
        running.controller.abort('cancel');
        await running.done;
      } else {
        const run = store().get(runId);
        if (run.state === 'running') store().requestCancel(runId);
        else if (run.state === 'interrupted') {
          const lease = store().claim(runId, leaseMs);
          finish(runId, lease, 'cancelled', null);
        }
      }
      return summary(store().get(runId));
    },
    resume: async ({ runId }) => {
      // A completed run has nothing left to do: resuming it is a no-op, not an error.
      if (!live.has(runId) && store().get(runId).state !== 'completed') launch(runId);
      return { runId };
    },
    export: async ({ runId, format }) => exportRun(view(store().get(runId)), format),
    since: async ({ runId, seq }) => store().since(runId, seq),
    reference: async () => PAPER_REFERENCE,
    whenSettled: async (runId) => {
      await live.get(runId)?.done;
      return view(store().get(runId));
    },
    close: async () => {
      for (const run of live.values()) run.controller.abort('close');
      await Promise.all([...live.values()].map((r) => r.done));
      opened?.close();
      opened = null;
    },
  };
}

const cancelled = (): AppError => new AppError('CANCELLED', 'The protocol run was cancelled');

function sessionRequest(
  topic: string,
  setting: ProtocolSetting,
  ideas: number,
): ParsedRequestOf<'ideator.start'> {
  return {
    topic,
    ideas,
    noGraph: !setting.graph,
    noMentor: !setting.mentor,
    isolated: true,
    ...(setting.titlesOnly ? { literature: 'titles' as const } : {}),
    ...(setting.model ? { researcherModel: setting.model } : {}),
  };
}

function defaultName(plan: ProtocolPlan): string {
  const topics = plan.topics.length === 1 ? plan.topics[0] : `${plan.topics.length} topics`;
  return `${topics} × ${plan.settings.map((s) => s.name).join(', ')}`;
}
