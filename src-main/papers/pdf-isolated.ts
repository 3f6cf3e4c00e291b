import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../shared/errors.ts';
import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';
import { DEFAULT_PDF_LIMITS, megabytes } from './pdf-limits.ts';
import type { PdfLimitName, PdfLimits } from './pdf-limits.ts';
import type { PdfText } from './pdf-text.ts';
import type { PdfJob, PdfWorkerMessage } from './pdf-worker.ts';

/**
 * Reads a PDF in a worker thread under `PdfLimits`: the caller's thread (the app's main process, the browser-mode
 * server, the CLI) only waits, stays responsive, and ends the worker when it runs past the time or memory limit.
 * Memory is watched from here because pdf.js keeps decoded streams in buffers outside the JavaScript heap,
 * which a worker's `resourceLimits` do not cover; the heap limit is set as well.
 */

// How often the worker's memory is sampled.
const WATCH_MS = 20;

/**
 * The worker's file: `pdf-worker.js` beside the bundle in the Electron build (an entry of its own in
 * electron.vite.config.ts), the TypeScript source when running from source (CLI, browser mode, tests).
 */
export function pdfWorkerUrl(): URL {
  const built = new URL('./pdf-worker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./pdf-worker.ts', import.meta.url);
}

const LIMIT_WORDS: Record<PdfLimitName, string> = {
  streamBytes: 'inflated stream size',
  totalStreamBytes: 'inflated size of all streams',
  time: 'time',
  memory: 'memory',
};

function limitError(
  file: string,
  page: number | null,
  limit: PdfLimitName,
  what: string,
  max: number,
  extra: Record<string, unknown> = {},
): AppError {
  const where = page === null ? file : `${file} page ${page}`;
  return importError(
    IMPORT_ERROR_CODES.limitExceeded,
    `${where}: ${what} (limit: ${LIMIT_WORDS[limit]}); the PDF is refused`,
    { file, ...(page === null ? {} : { page }), limit, max, ...extra },
  );
}

export function extractPdfTextIsolated(
  bytes: Uint8Array,
  file: string,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<PdfText> {
  return new Promise<PdfText>((resolve, reject) => {
    const worker = new Worker(pdfWorkerUrl(), {
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 16 },
    });
    let page: number | null = null;
    let settled = false;
    const settle = (outcome: { text: PdfText } | { error: AppError }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate();
      if ('text' in outcome) resolve(outcome.text);
      else reject(outcome.error);
    };
    const memoryLimit = limits.maxMemoryMb * 1024 * 1024;
    const overMemory = (): AppError =>
      limitError(file, page, 'memory', `reading it needed more than ${limits.maxMemoryMb} MB`, memoryLimit);

    const timer = setTimeout(
      () =>
        settle({
          error: limitError(
            file,
            page,
            'time',
            `reading it took over ${limits.timeoutMs / 1000} s`,
            limits.timeoutMs,
          ),
        }),
      limits.timeoutMs,
    );
    let sampling = false;
    const watch = setInterval(() => {
      if (sampling || settled) return;
      sampling = true;
      worker
        .getHeapStatistics()
        .then((heap) => {
          if (heap.used_heap_size + heap.external_memory > memoryLimit) settle({ error: overMemory() });
        })
        .catch(() => undefined)
        .finally(() => (sampling = false));
    }, WATCH_MS);

    worker.on('message', (message: PdfWorkerMessage) => {
      switch (message.type) {
        case 'page':
          page = message.page;
          return;
        case 'streamOverLimit': {
          const max = message.limit === 'streamBytes' ? limits.maxStreamBytes : limits.maxTotalStreamBytes;
          const what =
            message.limit === 'streamBytes'
              ? `stream object ${message.object ?? '?'} inflates to more than ${megabytes(max)}`
              : `its streams inflate to more than ${megabytes(max)} together (at object ${message.object ?? '?'})`;
          settle({
            error: limitError(file, message.page, message.limit, what, max, { object: message.object }),
          });
          return;
        }
        case 'done':
          settle({ text: message.text });
          return;
        case 'failed':
          // pdf.js's own faults (not AppErrors) mean a PDF it cannot parse: the same typed refusal as a
          // crashed worker, naming the file, instead of an INTERNAL carrying a library's message.
          settle({
            error:
              message.code === 'INTERNAL'
                ? importError(
                    IMPORT_ERROR_CODES.pdfInvalid,
                    `${file} could not be read (${message.message})`,
                    {
                      file,
                    },
                  )
                : new AppError(message.code, message.message, message.details),
          });
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') settle({ error: overMemory() });
      else
        settle({
          error: importError(IMPORT_ERROR_CODES.pdfInvalid, `${file} could not be read (${err.message})`, {
            file,
          }),
        });
    });
    worker.on('exit', () =>
      settle({
        error: importError(IMPORT_ERROR_CODES.pdfInvalid, `${file} could not be read (the reader stopped)`, {
          file,
        }),
      }),
    );
    // a copy is handed over, so the caller's bytes stay usable and the worker owns its own
    const copy = new Uint8Array(bytes);
    worker.postMessage({ bytes: copy, file, limits } satisfies PdfJob, [copy.buffer]);
  });
}
