import type { Channel } from '../contract/channels.ts';
import { UPLOAD_MAX_BYTES } from '../contract/papers.ts';
import { importError, IMPORT_ERROR_CODES } from '../papers/import-errors.ts';
import type { UploadedFile } from '../papers/import-run.ts';
import type { Handler } from './handler-table.ts';
import type { PaperService } from './paper-service.ts';
import type { SettingsStore } from './settings-store.ts';

/** `papers.import`: the app's uploads, size-checked, handed to the core's paper service (paper-service.ts). */

type PaperChannel = Extract<Channel, `papers.${string}`>;
export type PaperHandlers = { [C in PaperChannel]: Handler<C> };

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

export function paperHandlers(papers: PaperService, settings: SettingsStore): PaperHandlers {
  return {
    'papers.import': async (request) => {
      const limit = Math.min(UPLOAD_MAX_BYTES, settings.get().paperImport.maxFileMb * 1024 * 1024);
      // Every file is checked before anything is written, so an oversized one refuses the request as a whole
      // and the user is not left with half a batch imported.
      const uploads = request.files.map((f) => decodeUpload(f.name, f.contentBase64, limit));
      return papers.import({
        files: [],
        uploads,
        dois: request.dois,
        arxivIds: request.arxivIds,
        proposed: request.proposed,
        maxBytes: limit,
      });
    },
  };
}
