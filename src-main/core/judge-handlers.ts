import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventPayload } from '../contract/events.ts';
import { SessionStore } from '../ideator/session-store.ts';
import { scoreIdea } from '../judge/direct-score.ts';
import type { JudgedIdea } from '../judge/direct-score.ts';
import { ideasById, ideasOnTopic } from '../judge/idea-source.ts';
import { judgeTournament } from '../judge/judge-tournament.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { createLlmClient, resolveLlmConfig, UsageLedger } from '../llm/index.ts';
import { effectivePrices } from '../llm/prices.ts';
import { AppError } from '../shared/errors.ts';
import type { StoredSecretReader } from './config.ts';
import type { EventBus } from './event-bus.ts';
import type { HandlerTable } from './handler-table.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * `judge.*`: direct scores, the Swiss tournament and stored judgments. Ideas are read from the ideator's
 * sessions; judgments go to `judgments.sqlite` in the data dir, opened on first use.
 */

export interface JudgeDepsForCore {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  events: EventBus;
  storedSecret: StoredSecretReader;
}

type JudgeHandlers = Pick<HandlerTable, 'judge.score' | 'judge.tournament' | 'judge.results' | 'judge.since'>;

/** Runs whose events `judge.since` can replay: the most recent ones of this process. */
const KEPT_RUNS = 20;

export function createJudgeHandlers(deps: JudgeDepsForCore): { handlers: JudgeHandlers; close(): void } {
  let store: JudgmentStore | null = null;
  const runs = new Map<string, EventPayload<'judge.event'>[]>();
  const newRun = (): { runId: string; events: EventPayload<'judge.event'>[] } => {
    const runId = randomUUID();
    const events: EventPayload<'judge.event'>[] = [];
    runs.set(runId, events);
    for (const old of runs.keys()) if (runs.size > KEPT_RUNS) runs.delete(old);
    return { runId, events };
  };
  const judgments = (): JudgmentStore =>
    (store ??= new JudgmentStore(join(deps.dataDir, 'judgments.sqlite')));

  const judgeDeps = (signal?: AbortSignal) => {
    const { llm, prices } = deps.settings.get();
    const apiKey = deps.storedSecret('llm.apiKey');
    const config = resolveLlmConfig(
      { baseUrl: llm.baseUrl, model: llm.model, models: llm.models, apiKey },
      deps.env,
    );
    if (config.sources.baseUrl === 'default' && !config.apiKey.isSet) {
      throw new AppError('LLM_NOT_CONFIGURED', 'No LLM endpoint is configured for the judge', {
        field: 'llm.baseUrl',
      });
    }
    const table = effectivePrices(prices.overrides);
    return {
      llm: createLlmClient(config, { ledger: new UsageLedger({ prices: table }) }),
      store: judgments(),
      prices: table,
      ...(signal ? { signal } : {}),
    };
  };

  /** Ideas read from a short-lived connection to the ideator's file (WAL: a running session is not blocked). */
  const readIdeas = (pick: (sessions: SessionStore) => JudgedIdea[]): JudgedIdea[] => {
    const sessions = new SessionStore(join(deps.dataDir, 'ideator.sqlite'));
    try {
      return pick(sessions);
    } finally {
      sessions.close();
    }
  };

  const handlers: JudgeHandlers = {
    'judge.score': async (request, ctx) => {
      const ideas = readIdeas((s) =>
        request.ideaIds ? ideasById(s, request.ideaIds) : ideasOnTopic(s, request.topic ?? ''),
      );
      if (ideas.length === 0) throw new AppError('NOT_FOUND', `No written ideas on topic "${request.topic}"`);
      const judge = judgeDeps(ctx.signal);
      const scores = [];
      for (const idea of ideas) scores.push(await scoreIdea(judge, idea));
      return { scores, costUsd: scores.reduce((sum, s) => sum + (s.reused ? 0 : s.costUsd), 0) };
    },
    'judge.tournament': async (request, ctx) => {
      const ideas = readIdeas((s) => ideasOnTopic(s, request.topic));
      if (ideas.length < 2) {
        throw new AppError('VALIDATION', `A tournament needs two written ideas on "${request.topic}"`, {
          field: 'topic',
          found: ideas.length,
        });
      }
      const run = newRun();
      return judgeTournament(judgeDeps(ctx.signal), ideas, {
        seed: request.seed,
        rounds: request.rounds,
        k: request.k,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onPairJudged: (progress) => {
          const event = {
            type: 'tournament.progress' as const,
            runId: run.runId,
            seq: run.events.length + 1,
            topic: request.topic,
            ...progress,
          };
          run.events.push(event);
          deps.events.emit('judge.event', event);
        },
      });
    },
    'judge.since': async ({ runId, seq }) => {
      const events = runs.get(runId);
      if (!events)
        throw new AppError('NOT_FOUND', `No tournament run ${runId} in this app`, { field: 'runId' });
      return { seq: events.length, events: events.slice(seq) };
    },
    'judge.results': async (request) => ({
      judgments: judgments()
        .forIdeas('direct', request.ideaIds)
        .concat(judgments().forIdeas('pairwise', request.ideaIds))
        .map(({ key: _key, repairs: _repairs, ...rest }) => rest),
    }),
  };
  return { handlers, close: () => store?.close() };
}
