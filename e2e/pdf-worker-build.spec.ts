import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expect, test } from '@playwright/test';
import { DEFAULT_PDF_LIMITS } from '../src-main/papers/pdf-limits.ts';
import type { PdfWorkerMessage } from '../src-main/papers/pdf-worker.ts';
import { flateOfZeros, textContent, writePdf } from '../src-main/test-support/pdf-writer.ts';
import { REPO_ROOT } from './app-launcher.ts';

/**
 * The Electron main bundle reads PDFs in a worker emitted as its own entry (electron.vite.config.ts): check the
 * build has it where the bundle looks for it, and that the built worker reads a PDF and refuses a bomb.
 */

function runBuiltWorker(bytes: Buffer, file: string): Promise<PdfWorkerMessage> {
  const worker = new Worker(pathToFileURL(join(REPO_ROOT, 'out/main/pdf-worker.js')));
  return new Promise<PdfWorkerMessage>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: PdfWorkerMessage) => {
      if (message.type !== 'page') resolve(message);
    });
    worker.postMessage({ bytes: new Uint8Array(bytes), file, limits: DEFAULT_PDF_LIMITS });
  }).finally(() => void worker.terminate());
}

test('the main bundle finds pdf-worker.js beside it, and the built worker reads PDFs under its limits', async () => {
  const main = readFileSync(join(REPO_ROOT, 'out/main/index.js'), 'utf8');
  // pdf-isolated.ts is inlined into index.js, so its import.meta.url is out/main/index.js
  expect(main).toContain('new URL("./pdf-worker.js", import.meta.url)');

  const good = await runBuiltWorker(
    writePdf([{ content: textContent(['Read by the Built Worker'], 18) }]),
    'good.pdf',
  );
  expect(good).toMatchObject({
    type: 'done',
    text: { lines: [{ page: 1, text: 'Read by the Built Worker' }] },
  });

  const bomb = writePdf([
    { content: textContent(['A Bomb']) },
    { content: await flateOfZeros(200 * 1024 * 1024), flate: true },
  ]);
  expect(await runBuiltWorker(bomb, 'bomb.pdf')).toMatchObject({
    type: 'streamOverLimit',
    page: 2,
    limit: 'streamBytes',
  });
});
