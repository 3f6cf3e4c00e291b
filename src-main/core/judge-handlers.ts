import type { HandlerTable } from './handler-table.ts';
import type { EvaluationService } from './evaluation-service.ts';

/** The `judge.*` channels: thin adapters over the core's evaluation service (evaluation-service.ts). */

type JudgeHandlers = Pick<
  HandlerTable,
  'judge.score' | 'judge.tournament' | 'judge.results' | 'judge.since' | 'judge.tournaments' | 'judge.cancel'
>;

export function judgeHandlers(evaluation: EvaluationService): JudgeHandlers {
  return {
    'judge.score': (request, ctx) => evaluation.score(request, ctx.signal),
    'judge.tournament': (request, ctx) => evaluation.tournament(request, ctx.signal),
    'judge.results': (request) => evaluation.results(request),
    'judge.since': (request) => evaluation.since(request),
    'judge.tournaments': (request) => evaluation.tournaments(request),
    'judge.cancel': (request) => evaluation.cancel(request),
  };
}
