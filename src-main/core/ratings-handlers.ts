import type { HandlerTable } from './handler-table.ts';
import type { RatingsService } from './ratings-service.ts';

/** The `ratings.*` channels and `ideas.evaluation`: thin adapters over the core's ratings service. */

type RatingsHandlers = Pick<
  HandlerTable,
  | 'ratings.set'
  | 'ratings.list'
  | 'ratings.nextPair'
  | 'ratings.answerPair'
  | 'ratings.standings'
  | 'ideas.evaluation'
>;

export function ratingsHandlers(ratings: RatingsService): RatingsHandlers {
  return {
    'ratings.set': (request) => ratings.set(request),
    'ratings.list': (request) => ratings.list(request),
    'ratings.nextPair': (request) => ratings.nextPair(request),
    'ratings.answerPair': (request) => ratings.answerPair(request),
    'ratings.standings': (request) => ratings.standings(request),
    'ideas.evaluation': (request) => ratings.evaluation(request),
  };
}
