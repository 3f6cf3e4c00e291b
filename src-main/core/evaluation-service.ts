import { join } from 'node:path';
import type { Channel, ParsedRequestOf, ResponseOf } from '../contract/channels.ts';
import { SessionStore } from '../ideator/session-store.ts';
import { scoreIdea } from '../judge/direct-score.ts';
import type { JudgedIdea } from '../judge/direct-score.ts';
import { ideasById, ideasOnTopic } from '../judge/idea-source.ts';
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

type JudgeChannel = Extract<Channel, `judge.${string}`>;
type In<C extends JudgeChannel> = ParsedRequestOf<C>;
type Out<C extends JudgeChannel> = Promise<ResponseOf<C>>;

export interface EvaluationService {
  score(request: In<'judge.score'>, signal?: AbortSignal): Out<'judge.score'>;
  tournament(request: In<'judge.tournament'>, signal?: AbortSignal): Out<'judge.tournament'>;
  results(request: In<'judge.results'>): Out<'judge.results'>;
  close(): void;
}

export function createEvaluationService(host: ServiceHost): EvaluationService {
  let store: JudgmentStore | null = null;
  const judgments = (): JudgmentStore =>
    (store ??= new JudgmentStore(join(host.dataDir, 'judgments.sqlite')));

  const judgeDeps = (signal?: AbortSignal) => {
    const config = host.config().requireLlm('judge');
    const table = host.prices();
    return {
      llm: createLlmClient(config, { ledger: new UsageLedger({ prices: table }) }),
      store: judgments(),
      prices: table,
      ...(signal ? { signal } : {}),
    };
  };

  /** Ideas read from a short-lived connection to the ideator's file (WAL: a running session is not blocked). */
  const readIdeas = (pick: (sessions: SessionStore) => JudgedIdea[]): JudgedIdea[] => {
    const sessions = new SessionStore(join(host.dataDir, 'ideator.sqlite'));
    try {
      return pick(sessions);
    } finally {
      sessions.close();
    }
  };

  return {
    score: async (request, signal) => {
      const ideas = readIdeas((s) =>
        request.ideaIds ? ideasById(s, request.ideaIds) : ideasOnTopic(s, request.topic ?? ''),
      );
      if (ideas.length === 0) throw new AppError('NOT_FOUND', `No written ideas on topic "${request.topic}"`);
      const judge = judgeDeps(signal);
      const scores = [];
      for (const idea of ideas) scores.push(await scoreIdea(judge, idea));
      return { scores, costUsd: scores.reduce((sum, s) => sum + (s.reused ? 0 : s.costUsd), 0) };
    },
    tournament: async (request, signal) => {
      const ideas = readIdeas((s) => ideasOnTopic(s, request.topic));
      if (ideas.length < 2) {
        throw new AppError('VALIDATION', `A tournament needs two written ideas on "${request.topic}"`, {
          field: 'topic',
          found: ideas.length,
        });
      }
      return judgeTournament(judgeDeps(signal), ideas, {
        seed: request.seed,
        rounds: request.rounds,
        k: request.k,
        ...(signal ? { signal } : {}),
        onPairJudged: (progress) =>
          host.events.emit('judge.event', { type: 'tournament.progress', topic: request.topic, ...progress }),
      });
    },
    results: async (request) => ({
      judgments: judgments()
        .forIdeas('direct', request.ideaIds)
        .concat(judgments().forIdeas('pairwise', request.ideaIds))
        .map(({ key: _key, repairs: _repairs, ...rest }) => rest),
    }),
    close: () => store?.close(),
  };
}
