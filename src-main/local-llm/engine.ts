import type { Llama, LlamaModel } from 'node-llama-cpp';
import { AppError } from '../shared/errors.ts';
import { checkGgufFile } from './gguf-file.ts';

/**
 * The process's llama.cpp runtime (CPU prebuilt binary, never built from source) and its loaded models, one per
 * file path: a 7B model takes seconds to map, so every client, role and session of that path shares it. A failed
 * load is not kept, so fixing the file and retrying works. node-llama-cpp is imported on first use only: a user
 * with a remote endpoint never loads the native addon.
 */

export interface LocalModel {
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly path: string;
}

let runtime: Promise<Llama> | null = null;
const models = new Map<string, Promise<LocalModel>>();

function getRuntime(): Promise<Llama> {
  runtime ??= (async () => {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    return getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, progressLogs: false });
  })().catch((err: unknown) => {
    runtime = null;
    throw new AppError(
      'LLM_UNAVAILABLE',
      `The local model engine (node-llama-cpp) cannot start on this machine: ${message(err)}`,
      { retryable: false, reason: 'engine-unavailable' },
    );
  });
  return runtime;
}

/** Checks the file (missing, not GGUF, too large) before every load attempt, then loads it once per path. */
export function loadLocalModel(path: string): Promise<LocalModel> {
  const cached = models.get(path);
  if (cached) return cached;
  checkGgufFile(path);
  const loading = (async () => {
    const llama = await getRuntime();
    try {
      const model = await llama.loadModel({ modelPath: path });
      return { llama, model, path };
    } catch (err) {
      throw new AppError('LLM_NOT_CONFIGURED', `llama.cpp could not load ${path}: ${message(err)}`, {
        field: 'llm.baseUrl',
        file: path,
        reason: 'model-load-failed',
      });
    }
  })();
  models.set(path, loading);
  void loading.catch(() => models.delete(path));
  return loading;
}

/** Frees every loaded model (tests, shutdown). */
export async function disposeLocalModels(): Promise<void> {
  const loaded = [...models.values()];
  models.clear();
  for (const pending of loaded) {
    const local = await pending.catch(() => null);
    await local?.model.dispose();
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
