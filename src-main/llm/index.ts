// The LLM layer's public surface; other folders import from here.
export { cacheKey, canonicalJson, ResponseCache } from './cache.ts';
export { assistantMessage, chat } from './chat.ts';
export type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  ChatTool,
  ResponseFormat,
  ToolCall,
  Usage,
} from './chat.ts';
export { createLlmClient, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './client.ts';
export type { LlmClient, LlmClientOptions } from './client.ts';
export {
  DEFAULT_BASE_URL,
  DEFAULT_CHAT_MODEL,
  DEFAULT_EMBEDDINGS_MODEL,
  LLM_ROLES,
  resolveLlmConfig,
  roleEnvVar,
  summariseLlmConfig,
} from './config.ts';
export type {
  ChatRole,
  EnvLike,
  LlmConfigSummary,
  LlmRole,
  LlmSettingsInput,
  ResolvedLlmConfig,
  ValueSource,
} from './config.ts';
export { listModels, testConnection } from './connection.ts';
export type { ConnectionReport } from './connection.ts';
export { embed } from './embeddings.ts';
export { classifyLlmError, isRetryable, parseRetryAfter } from './errors.ts';
export type { LlmErrorCode, LlmErrorDetails } from './errors.ts';
export { UsageLedger } from './ledger.ts';
export { RunningTotals } from './running-totals.ts';
export type { LedgerEntry, UsageTags, UsageTotals } from './ledger.ts';
export {
  DEFAULT_PRICES,
  effectivePrices,
  estimateCost,
  estimateTokens,
  PriceTableSchema,
  priceFor,
} from './prices.ts';
export type { CostReport, ModelPrice, PriceTable } from './prices.ts';
export { DEFAULT_RETRY_POLICY, retryDelay, withRetry } from './retry.ts';
export type { RetryEvent, RetryPolicy } from './retry.ts';
export { displayUrl, redact, Secret } from './secret.ts';
export { chatStructured, extractJson, parseStructured } from './structured.ts';
export type { StructuredOptions, StructuredResult } from './structured.ts';
