import type { Channel } from '../contract/channels.ts';
import type { Handler } from './handler-table.ts';
import type { IdeationService } from './ideation-service.ts';
import type { ReportService } from './report-service.ts';

/**
 * The `ideator.*` channels: thin adapters over the core's one ideation service (ideation-service.ts); the idea's
 * Markdown report comes from the report service, the one writer of reports.
 */

type IdeatorChannel = Extract<Channel, `ideator.${string}`>;
export type IdeatorHandlers = { [C in IdeatorChannel]: Handler<C> };

export function ideatorHandlers(ideation: IdeationService, reports: ReportService): IdeatorHandlers {
  return {
    'ideator.estimate': (request) => ideation.estimate(request),
    'ideator.start': (request) => ideation.start(request),
    'ideator.list': () => ideation.list(),
    'ideator.get': ({ sessionId }) => ideation.get(sessionId),
    'ideator.since': (request) => ideation.since(request),
    'ideator.pause': ({ sessionId }) => ideation.pause(sessionId),
    'ideator.stop': ({ sessionId }) => ideation.stop(sessionId),
    'ideator.resume': ({ sessionId }) => ideation.resume(sessionId),
    'ideator.interject': (request) => ideation.interject(request),
    'ideator.decide': (request) => ideation.decide(request),
    'ideator.undoDecision': (request) => ideation.undoDecision(request),
    'ideator.fork': (request) => ideation.fork(request),
    'ideator.exportIdea': (request) => reports.ideaMarkdown(request),
  };
}
