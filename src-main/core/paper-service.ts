import { runPaperImport } from '../papers/import-run.ts';
import type { ImportRequest, ImportRunReport } from '../papers/import-run.ts';
import { PaperLookup } from '../papers/lookup/paper-lookup.ts';
import { PaperTextStore } from '../papers/paper-text-store.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * Paper import, once per core: the app's uploads (`papers.import`) and `motiv import`'s files run the same
 * import (papers/import-run.ts) on the configured store, one transaction per file, and the Graph section is told
 * (`graph.changed`) which papers were written.
 */

export interface PaperImport extends ImportRequest {
  /** Import as "proposed" for review instead of "approved". */
  proposed: boolean;
  /** The size limit per file. */
  maxBytes: number;
  onProgress?: (line: string) => void;
}

export interface PaperService {
  import(request: PaperImport): Promise<ImportRunReport>;
}

export function createPaperService(host: ServiceHost): PaperService {
  return {
    import: async (request) => {
      const wantsLookup = (request.dois?.length ?? 0) > 0 || (request.arxivIds?.length ?? 0) > 0;
      const lookup = wantsLookup ? new PaperLookup(host.config().lookup(), host.dataDir) : undefined;
      // Its own store handle per import, closed when the import ends.
      const store = await host.openGraph();
      try {
        const report = await runPaperImport(
          store,
          {
            files: request.files,
            uploads: request.uploads ?? [],
            dois: request.dois ?? [],
            arxivIds: request.arxivIds ?? [],
          },
          {
            ctx: { actor: host.actor() },
            review: request.proposed ? 'proposed' : 'approved',
            maxBytes: request.maxBytes,
            texts: new PaperTextStore(host.dataDir),
            ...(lookup ? { lookup } : {}),
            ...(request.onProgress ? { onProgress: request.onProgress } : {}),
          },
        );
        const written = report.sources.flatMap((s) =>
          s.papers.filter((p) => p.status === 'created' || p.status === 'updated').map((p) => p.id),
        );
        if (written.length > 0) host.events.emit('graph.changed', { ids: written, action: 'update' });
        host.logger.info('papers imported', { totals: report.totals });
        return report;
      } finally {
        await store.close();
      }
    },
  };
}
