import type { Channel } from '../contract/channels.ts';
import { UPLOAD_MAX_BYTES } from '../contract/papers.ts';
import type { GraphStore } from '../graph/port.ts';
import { importError, IMPORT_ERROR_CODES } from '../papers/import-errors.ts';
import { runPaperImport } from '../papers/import-run.ts';
import type { UploadedFile } from '../papers/import-run.ts';
import { PaperLookup } from '../papers/lookup/paper-lookup.ts';
import { PaperTextStore } from '../papers/paper-text-store.ts';
import type { AppConfig } from './config.ts';
import type { EventBus } from './event-bus.ts';
import type { Handler } from './handler-table.ts';
import type { Logger } from './logger.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * `papers.import`: the app's uploads go through the very import `motiv import` runs (import-run.ts), one
 * transaction per file, and the Graph section is told (`graph.changed`) which papers were written.
 */

type PaperChannel = Extract<Channel, `papers.${string}`>;
export type PaperHandlers = { [C in PaperChannel]: Handler<C> };

export interface PaperDeps {
  dataDir: string;
  /** The one configuration loader (core/config.ts): the lookup endpoints. */
  config: () => AppConfig;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  /** A store handle for one import; closed when the import ends. */
  openGraph: () => Promise<GraphStore>;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Decode one upload, refusing it by name when it is over the limit. The size is judged from the base64 length
 * first, so a huge upload is refused before it is decoded.
 */
export function decodeUpload(name: string, contentBase64: string, limitBytes: number): UploadedFile {
  const approx = Math.floor((contentBase64.length * 3) / 4);
  const bytes = approx > limitBytes + 3 ? null : new Uint8Array(Buffer.from(contentBase64, 'base64'));
  const size = bytes?.byteLength ?? approx;
  if (!bytes || size > limitBytes) {
    throw importError(
      IMPORT_ERROR_CODES.tooLarge,
      `${name} is ${mb(size)}, over the app's import limit of ${mb(limitBytes)} (10 MB per file in the app, or ` +
        'setting paperImport.maxFileMb if lower); import bigger files with `npx motiv import`',
      { file: name, size, limit: limitBytes },
    );
  }
  return { name, bytes };
}

export function createPaperHandlers(deps: PaperDeps): PaperHandlers {
  return {
    'papers.import': async (request) => {
      const settings = deps.settings.get();
      const limit = Math.min(UPLOAD_MAX_BYTES, settings.paperImport.maxFileMb * 1024 * 1024);
      // Every file is checked before anything is written, so an oversized one refuses the request as a whole
      // and the user is not left with half a batch imported.
      const uploads = request.files.map((f) => decodeUpload(f.name, f.contentBase64, limit));
      const wantsLookup = request.dois.length > 0 || request.arxivIds.length > 0;
      const lookup = wantsLookup ? new PaperLookup(deps.config().lookup(), deps.dataDir) : undefined;
      const store = await deps.openGraph();
      try {
        const report = await runPaperImport(
          store,
          { files: [], uploads, dois: request.dois, arxivIds: request.arxivIds },
          {
            ctx: { actor: settings.profile.displayName || 'app' },
            review: request.proposed ? 'proposed' : 'approved',
            maxBytes: limit,
            texts: new PaperTextStore(deps.dataDir),
            ...(lookup ? { lookup } : {}),
          },
        );
        const written = report.sources.flatMap((s) =>
          s.papers.filter((p) => p.status === 'created' || p.status === 'updated').map((p) => p.id),
        );
        if (written.length > 0) deps.events.emit('graph.changed', { ids: written, action: 'update' });
        deps.logger.info('papers imported', { totals: report.totals });
        return report;
      } finally {
        await store.close();
      }
    },
  };
}
