import type { HandlerTable } from './handler-table.ts';
import type { ReportService } from './report-service.ts';

/** `ideas.dossier` and `ideas.export`: thin adapters over the core's report service. */

type ReportHandlers = Pick<HandlerTable, 'ideas.dossier' | 'ideas.export'>;

export function reportHandlers(reports: ReportService): ReportHandlers {
  return {
    'ideas.dossier': (request) => reports.dossier(request),
    'ideas.export': (request) => reports.export(request),
  };
}
