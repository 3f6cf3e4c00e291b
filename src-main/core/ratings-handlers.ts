import { forwardTo } from './forward-handlers.ts';
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
    ...forwardTo(ratings, 'ratings', ['set', 'list', 'nextPair', 'answerPair', 'standings']),
    'ideas.evaluation': (request) => ratings.evaluation(request),
  };
}
