import { parentPort } from 'node:worker_threads';
import { AppError, type ErrorCode, type ErrorDetails } from '../shared/errors.ts';
import type { PdfLimits } from './pdf-limits.ts';
import { pageOfObject } from './pdf-page-of-object.ts';
import { findStreamOverLimit } from './pdf-stream-scan.ts';
import { extractPdfText } from './pdf-text.ts';
import type { PdfText } from './pdf-text.ts';

/**
 * The worker thread that reads one PDF (started by pdf-isolated.ts, which owns the time and memory limits and
 * turns every outcome into a typed error). It first inflates-and-counts the streams, then runs pdf.js, telling
 * its parent which page it is on.
 */

export interface PdfJob {
  bytes: Uint8Array;
  file: string;
  limits: PdfLimits;
}

export type PdfWorkerMessage =
  | { type: 'page'; page: number }
  | {
      type: 'streamOverLimit';
      object: number | null;
      page: number | null;
      inflated: number;
      limit: 'streamBytes' | 'totalStreamBytes';
    }
  | { type: 'done'; text: PdfText }
  | { type: 'failed'; code: ErrorCode; message: string; details: ErrorDetails<ErrorCode> | undefined };

async function run(job: PdfJob): Promise<PdfWorkerMessage> {
  const over = await findStreamOverLimit(job.bytes, job.limits);
  if (over) {
    const page = over.object === null ? null : pageOfObject(job.bytes, over.object);
    return { type: 'streamOverLimit', ...over, page };
  }
  const text = await extractPdfText(job.bytes, job.file, {
    maxPages: job.limits.maxPages,
    onPage: (page) => parentPort?.postMessage({ type: 'page', page } satisfies PdfWorkerMessage),
  });
  return { type: 'done', text };
}

parentPort?.once('message', (job: PdfJob) => {
  void run(job)
    .catch((err: unknown): PdfWorkerMessage =>
      err instanceof AppError
        ? { type: 'failed', code: err.code, message: err.message, details: err.details }
        : {
            type: 'failed',
            code: 'INTERNAL',
            message: err instanceof Error ? err.message : String(err),
            details: undefined,
          },
    )
    .then((message) => parentPort?.postMessage(message));
});
