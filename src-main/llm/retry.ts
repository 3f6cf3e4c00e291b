import { AppError } from '../shared/errors.ts';
import { isRetryable, retryAfterOf } from './errors.ts';
import type { LlmErrorDetails } from './errors.ts';

/**
 * Our own retry loop (the `openai` client runs with maxRetries: 0) so every attempt is visible, cancellable and
 * honours Retry-After. Only errors marked retryable by `classifyLlmError` are retried: 5xx, 408, 429, timeouts,
 * connection failures and unparseable bodies. Other 4xx fail at once.
 */

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: we fail and report it instead of hanging. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: AppError;
}

export interface RetryOptions {
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  /** Injected for deterministic tests; defaults to Math.random. */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

/** Exponential backoff with equal jitter; with a Retry-After, never less than it asks (plus up to 10%). */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: number,
): number {
  if (retryAfterMs !== undefined) return Math.ceil(retryAfterMs * (1 + 0.1 * random));
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'The LLM call was cancelled', { retryable: false });
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function withAttempts(err: AppError, attempts: number): AppError {
  const details = (err.details ?? {}) as Partial<LlmErrorDetails>;
  return new AppError(err.code, err.message, { ...details, attempts });
}

export async function withRetry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, signal } = options;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw cancelledError();
    try {
      return await run(attempt);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (signal?.aborted || err.code === 'CANCELLED') throw withAttempts(cancelledError(), attempt);
      if (!isRetryable(err) || attempt >= policy.maxAttempts) throw withAttempts(err, attempt);
      const retryAfterMs = retryAfterOf(err);
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)
        throw withAttempts(err, attempt);
      const delayMs = retryDelay(attempt, policy, retryAfterMs, random());
      options.onRetry?.({ attempt, delayMs, error: err });
      await sleep(delayMs, signal);
    }
  }
}
