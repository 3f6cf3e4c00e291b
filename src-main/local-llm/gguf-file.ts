import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { freemem } from 'node:os';
import { AppError } from '../shared/errors.ts';

/**
 * The checks before llama.cpp sees a file, each with an error that says what to do: the path must exist, start
 * with the GGUF magic bytes, and fit in the memory free right now (a model is mapped whole; loading one larger
 * than free memory swaps the machine to a halt rather than failing cleanly).
 */

const GGUF_MAGIC = Buffer.from('GGUF', 'ascii');

export interface GgufCheckOptions {
  /** Free memory in bytes; injected by tests. */
  freeBytes?: number;
}

export function checkGgufFile(path: string, options: GgufCheckOptions = {}): { bytes: number } {
  const details = { field: 'llm.baseUrl', file: path };
  let bytes: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    bytes = stat.size;
  } catch {
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `The local model file ${path} does not exist: pick a .gguf file (Settings → LLM, base URL local:<path>)`,
      { ...details, reason: 'model-file-missing' },
    );
  }
  const head = Buffer.alloc(GGUF_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(GGUF_MAGIC)) {
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `${path} is not a GGUF model file (it does not start with "GGUF"); convert or download the model as .gguf`,
      { ...details, reason: 'not-gguf' },
    );
  }
  const free = options.freeBytes ?? freemem();
  if (bytes > free) {
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `The local model ${path} is ${mb(bytes)} MB but only ${mb(free)} MB of memory is free: ` +
        'pick a smaller (more quantized) model or close other programs',
      { ...details, reason: 'model-too-large', bytes, freeBytes: free },
    );
  }
  return { bytes };
}

const mb = (bytes: number): number => Math.round(bytes / 1e6);
