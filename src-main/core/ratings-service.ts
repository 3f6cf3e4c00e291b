import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { In, Out } from './service-io.ts';
import type { IdeaEvaluation } from '../contract/ratings.ts';
import { topicKey } from '../ideator/session-store.ts';
import type { JudgedIdea } from '../judge/direct-score.ts';
import { ideasById, ideasOnTopic, readIdeas } from '../judge/idea-source.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { newestDirectScores, newestTournament } from '../judge/newest-evaluation.ts';
import type { DirectEvaluation } from '../judge/newest-evaluation.ts';
import { BlindPairs } from '../ratings/blind-pairs.ts';
import { blindText } from '../ratings/blind-text.ts';
import { eloTables, ideaHumanElo } from '../ratings/human-elo.ts';
import type { EloTables } from '../ratings/human-elo.ts';
import { RatingStore } from '../ratings/rating-store.ts';
import { openRatingsDb } from '../ratings/ratings-db.ts';
import { topicStandings } from '../ratings/standings.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * Human evaluation, built once per core: ratings by named raters, blind pairs, human ELO and its agreement with
 * the judge, and each idea's evaluation in one read (the `ratings.*` and `ideas.evaluation` channels, `motiv
 * rate` and `motiv ratings` through them). Ideas come from the ideator's sessions, direct scores from
 * judgments.sqlite; ratings and pairs live in ratings.sqlite, opened on first use.
 */

export interface RatingsService {
  set(request: In<'ratings.set'>): Out<'ratings.set'>;
  list(request: In<'ratings.list'>): Out<'ratings.list'>;
  nextPair(request: In<'ratings.nextPair'>): Out<'ratings.nextPair'>;
  answerPair(request: In<'ratings.answerPair'>): Out<'ratings.answerPair'>;
  standings(request: In<'ratings.standings'>): Out<'ratings.standings'>;
  evaluation(request: In<'ideas.evaluation'>): Out<'ideas.evaluation'>;
  close(): void;
}

const NO_TOURNAMENT = 'no judge tournament has been run on this topic yet';

export function createRatingsService(host: ServiceHost): RatingsService {
  let opened: { db: Database; ratings: RatingStore; pairs: BlindPairs; judgments: JudgmentStore } | null =
    null;
  const stores = (): NonNullable<typeof opened> => {
    if (opened) return opened;
    const { db, file } = openRatingsDb(host.dataDir);
    opened = {
      db,
      ratings: new RatingStore(db, file),
      pairs: new BlindPairs(db),
      judgments: new JudgmentStore(join(host.dataDir, 'judgments.sqlite')),
    };
    return opened;
  };

  const newestDirect = (ideaIds: readonly string[]): Map<string, DirectEvaluation> =>
    newestDirectScores(stores().judgments, ideaIds);

  return {
    set: async (request) => {
      readIdeas(host.dataDir, (s) => ideasById(s, [request.ideaId]));
      return { rating: stores().ratings.set(request) };
    },
    list: async (request) => {
      const ids = readIdeas(host.dataDir, (s) =>
        request.ideaIds ? ideasById(s, request.ideaIds) : ideasOnTopic(s, request.topic ?? ''),
      ).map((i) => i.id);
      return { ratings: stores().ratings.forIdeas(ids, request.rater) };
    },
    nextPair: async ({ topic, rater }) => {
      const ideas = readIdeas(host.dataDir, (s) => ideasOnTopic(s, topic));
      const { pairs } = stores();
      const key = topicKey(topic);
      const pair = pairs.next(
        key,
        rater,
        ideas.map((i) => i.id),
      );
      const byId = new Map(ideas.map((i) => [i.id, i]));
      const text = (id: string): string => blindText(byId.get(id) as JudgedIdea);
      return {
        pairId: pair.pairId,
        left: { text: text(pair.leftId) },
        right: { text: text(pair.rightId) },
        round: pair.round,
        answered: pairs.answeredCount(key, rater),
      };
    },
    answerPair: async ({ pairId, rater, winner }) => {
      const { pairs } = stores();
      const { topicKey: key } = pairs.answer(pairId, rater, winner);
      return { answered: pairs.answeredCount(key, rater) };
    },
    standings: async ({ topic, rater }) => {
      const ideas = readIdeas(host.dataDir, (s) => ideasOnTopic(s, topic));
      const ids = ideas.map((i) => i.id);
      const { pairs, ratings } = stores();
      const key = topicKey(topic);
      const direct = new Map([...newestDirect(ids)].map(([id, d]) => [id, d.paperMean]));
      const games = pairs.games({ topicKey: key, ...(rater === undefined ? {} : { rater }) });
      const tournament = newestTournament(stores().judgments.tournaments(), topic);
      const result = topicStandings(
        ideas.map((i) => ({ id: i.id, title: i.idea.title })),
        games,
        ratings.forIdeas(ids, rater),
        {
          direct,
          tournament: tournament ? new Map(tournament.standings.map((s) => [s.id, s.eloAverage])) : null,
          tournamentMissing: NO_TOURNAMENT,
        },
      );
      return { topic, rater: rater ?? null, answered: games.length, ...result };
    },
    evaluation: async ({ ideaIds }) => {
      const wanted = readIdeas(host.dataDir, (s) => ideasById(s, ideaIds));
      const { pairs, ratings } = stores();
      const direct = newestDirect(ideaIds);
      const all = ratings.forIdeas(ideaIds);
      const stored = stores().judgments.tournaments();
      const tables = new Map<string, EloTables>();
      const tablesOf = (key: string): EloTables => {
        const known = tables.get(key) ?? eloTables(pairs.games({ topicKey: key }));
        tables.set(key, known);
        return known;
      };
      const ideas = wanted.map((idea): IdeaEvaluation => {
        const tournament = newestTournament(stored, idea.topic, idea.id);
        const standing = tournament?.standings.find((s) => s.id === idea.id);
        return {
          ideaId: idea.id,
          topic: idea.topic,
          direct: direct.get(idea.id) ?? null,
          tournament:
            tournament && standing
              ? {
                  tournamentId: tournament.id,
                  elo: standing.elo,
                  eloAverage: standing.eloAverage,
                  createdAt: tournament.createdAt,
                }
              : null,
          ratings: all.filter((r) => r.ideaId === idea.id),
          humanElo: ideaHumanElo(tablesOf(topicKey(idea.topic)), idea.id),
        };
      });
      return { ideas };
    },
    close: () => {
      opened?.judgments.close();
      opened?.db.close();
      opened = null;
    },
  };
}
