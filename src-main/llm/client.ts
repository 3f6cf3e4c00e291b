import OpenAI from 'openai';
import { createLocalBackend } from '../local-llm/local-backend.ts';
import type { ChatBackend } from './backend.ts';
import type { ResponseCache } from './cache.ts';
import type { ResolvedLlmConfig } from './config.ts';
import type { UsageLedger } from './ledger.ts';
import { DEFAULT_RETRY_POLICY } from './retry.ts';
import type { RetryPolicy } from './retry.ts';

/**
 * An LLM client: the official `openai` client for one endpoint plus our policies (timeouts, retries, ledger,
 * cache). The `openai` client's own retries are off (maxRetries: 0): ours honour Retry-After, report each
 * attempt, and stop on cancellation.
 */

export interface LlmClientOptions {
  /** Per attempt, whole call. */
  timeoutMs?: number;
  /** Streams only: longest silence allowed before the first chunk and between chunks. */
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  ledger?: UsageLedger;
  cache?: ResponseCache;
  /** Jitter source; injected by tests that need exact delays. */
  random?: () => number;
}

export interface LlmClient {
  readonly openai: OpenAI;
  /** Set for a `local:<path>` base URL: chat runs on the in-process engine instead of `openai`. */
  readonly backend?: ChatBackend;
  readonly config: ResolvedLlmConfig;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly ledger: UsageLedger | undefined;
  readonly cache: ResponseCache | undefined;
  readonly random: () => number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

// Local servers (Ollama, LM Studio, vLLM) accept any key, but the openai client refuses an empty one.
const NO_KEY = 'no-key';

export function createLlmClient(config: ResolvedLlmConfig, options: LlmClientOptions = {}): LlmClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const openai = new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey.isSet ? config.apiKey.reveal() : NO_KEY,
    maxRetries: 0,
    timeout: timeoutMs,
    // We classify and report every failure ourselves; the client's console output would only duplicate it.
    logLevel: 'off',
  });
  return {
    openai,
    ...(config.local ? { backend: createLocalBackend(config.local) } : {}),
    config,
    timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    ledger: options.ledger,
    cache: options.cache,
    random: options.random ?? Math.random,
  };
}
