import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventPayload } from '../contract/events.ts';
import type { In, Out } from './service-io.ts';
import { scoreIdea } from '../judge/direct-score.ts';
import type { JudgedIdea } from '../judge/direct-score.ts';
import { ideasById, ideasOnTopic, readIdeas } from '../judge/idea-source.ts';
import type { JudgeDeps } from '../judge/judge-call.ts';
import { judgeTournament } from '../judge/judge-tournament.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { createLlmClient, UsageLedger } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * Evaluation, built once per core on the shared service host: direct scores, the Swiss tournament and stored
 * judgments (the `judge.*` channels, `motiv judge` and `motiv tournament` through them). Ideas are read from the
 * ideator's sessions; judgments go to `judgments.sqlite` in the data dir, opened on first use.
 */

export interface EvaluationService {
  score(request: In<'judge.score'>, signal?: AbortSignal): Out<'judge.score'>;
  tournament(request: In<'judge.tournament'>, signal?: AbortSignal): Out<'judge.tournament'>;
  results(request: In<'judge.results'>): Out<'judge.results'>;
  /** Stored tournaments, newest first, optionally on one topic. */
  tournaments(request: In<'judge.tournaments'>): Out<'judge.tournaments'>;
  /** A tournament run's progress events after `seq` (kept for this process's most recent runs). */
  since(request: In<'judge.since'>): Out<'judge.since'>;
  /** Stops a running tournament of this process (the app's Cancel; the CLI cancels by its own signal). */
  cancel(request: In<'judge.cancel'>): Out<'judge.cancel'>;
  /** For protocol runs: the judge (LLM, store, prices) as the channels use it, and a session's written ideas. */
  judgeDeps(signal?: AbortSignal): JudgeDeps;
  sessionIdeas(sessionId: string): JudgedIdea[];
  close(): void;
}

/** Runs whose events `since` can replay: the most recent ones of this process. */
const KEPT_RUNS = 20;

export function createEvaluationService(host: ServiceHost): EvaluationService {
  let store: JudgmentStore | null = null;
  const runs = new Map<string, EventPayload<'judge.event'>[]>();
  /** Running tournaments by run id: `cancel` aborts one (besides its request's own signal). */
  const running = new Map<string, AbortController>();
  const newRun = (): { runId: string; events: EventPayload<'judge.event'>[] } => {
    const runId = randomUUID();
    const events: EventPayload<'judge.event'>[] = [];
    runs.set(runId, events);
    for (const old of runs.keys()) if (runs.size > KEPT_RUNS) runs.delete(old);
    return { runId, events };
  };
  const judgments = (): JudgmentStore =>
    (store ??= new JudgmentStore(join(host.dataDir, 'judgments.sqlite')));

  const judgeDeps = (signal?: AbortSignal): JudgeDeps => {
    const config = host.config().requireLlm('judge');
    const table = host.prices();
    return {
      llm: createLlmClient(config, { ledger: new UsageLedger({ prices: table }) }),
      store: judgments(),
      prices: table,
      ...(signal ? { signal } : {}),
    };
  };

  return {
    score: async (request, signal) => {
      const ideas = readIdeas(host.dataDir, (s) =>
        request.ideaIds ? ideasById(s, request.ideaIds) : ideasOnTopic(s, request.topic ?? ''),
      );
      if (ideas.length === 0) throw new AppError('NOT_FOUND', `No written ideas on topic "${request.topic}"`);
      const judge = judgeDeps(signal);
      const scores = [];
      for (const idea of ideas) scores.push(await scoreIdea(judge, idea));
      return { scores, costUsd: scores.reduce((sum, s) => sum + (s.reused ? 0 : s.costUsd), 0) };
    },
    tournament: async (request, signal) => {
      const ideas = readIdeas(host.dataDir, (s) => ideasOnTopic(s, request.topic));
      if (ideas.length < 2) {
        throw new AppError('VALIDATION', `A tournament needs two written ideas on "${request.topic}"`, {
          field: 'topic',
          found: ideas.length,
        });
      }
      const run = newRun();
      const stop = new AbortController();
      running.set(run.runId, stop);
      const stopped = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
      const judged = await judgeTournament(judgeDeps(stopped), ideas, {
        seed: request.seed,
        rounds: request.rounds,
        k: request.k,
        signal: stopped,
        onPairJudged: (progress) => {
          const event = {
            type: 'tournament.progress' as const,
            runId: run.runId,
            seq: run.events.length + 1,
            topic: request.topic,
            ...progress,
          };
          run.events.push(event);
          host.events.emit('judge.event', event);
        },
      }).finally(() => running.delete(run.runId));
      judgments().putTournament({
        id: run.runId,
        topic: request.topic,
        seed: judged.seed,
        rounds: judged.rounds,
        k: judged.k,
        rubricVersion: judged.rubricVersion,
        model: judged.model,
        ideaIds: ideas.map((i) => i.id),
        standings: judged.standings,
        history: judged.history,
      });
      return { id: run.runId, ...judged };
    },
    tournaments: async ({ topic }) => ({
      tournaments: judgments()
        .tournaments(topic)
        .map(({ ideaIds: _ideas, history: _history, ...rest }) => rest),
    }),
    cancel: async ({ runId }) => {
      const stop = running.get(runId);
      if (!stop) {
        throw new AppError('NOT_FOUND', `No running tournament ${runId} in this app`, { field: 'runId' });
      }
      stop.abort();
      return { cancelled: true };
    },
    since: async ({ runId, seq }) => {
      const events = runs.get(runId);
      if (!events)
        throw new AppError('NOT_FOUND', `No tournament run ${runId} in this app`, { field: 'runId' });
      return { seq: events.length, events: events.slice(seq) };
    },
    results: async (request) => ({
      judgments: judgments()
        .forIdeas('direct', request.ideaIds)
        .concat(judgments().forIdeas('pairwise', request.ideaIds))
        .map(({ key: _key, repairs: _repairs, ...rest }) => rest),
    }),
    judgeDeps,
    sessionIdeas: (sessionId) =>
      readIdeas(host.dataDir, (s) =>
        ideasById(
          s,
          s
            .ideas(sessionId)
            .filter((i) => i.currentVersion >= 1)
            .map((i) => i.id),
        ),
      ),
    close: () => store?.close(),
  };
}
