import type { LlmCallCode } from '../contract/errors.ts';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { LlmCallDetails } from '../contract/errors.ts';
import { AppError } from '../shared/errors.ts';
import { displayUrl, redact } from './secret.ts';
import type { Secret } from './secret.ts';

/**
 * Turns whatever the `openai` client (or our own timers) threw into an AppError with a stable code, a message
 * that says what to do, and `details.retryable` for the retry loop. Messages pass through `redact` so a key
 * echoed by a provider never reaches the user.
 */

export type LlmErrorCode = LlmCallCode | 'LLM_NOT_CONFIGURED' | 'CANCELLED';

/** `retryable`, `status`, `retryAfterMs`, `reason`, `attempts` (the contract's typed details for LLM calls). */
export type LlmErrorDetails = LlmCallDetails;

/** Why our own abort controller fired, if it did: the user, the per-call deadline or the idle timer. */
export type AbortCause = 'user' | 'deadline' | 'idle' | null;

export interface ErrorContext {
  baseUrl: string;
  secret?: Secret;
  model?: string;
  abortCause?: AbortCause;
  timeoutMs?: number;
}

export function llmError(
  code: LlmErrorCode,
  message: string,
  details: LlmErrorDetails,
  secret?: Secret,
): AppError {
  return new AppError(code, redact(message, secret), details);
}

export function isRetryable(err: unknown): boolean {
  if (!(err instanceof AppError)) return false;
  const details = err.details as Partial<LlmErrorDetails> | undefined;
  return details?.retryable === true;
}

export function retryAfterOf(err: unknown): number | undefined {
  if (!(err instanceof AppError)) return undefined;
  return (err.details as Partial<LlmErrorDetails> | undefined)?.retryAfterMs;
}

/** Retry-After as milliseconds: `retry-after-ms` (OpenAI), then `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function causeCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * fetch (undici) refuses the Fetch standard's blocked ports (9, 25, 6000, …) before connecting, with a bare
 * "bad port" error that has no code: without this, a user sees "connection failed" and looks for a dead server.
 */
function isBlockedPort(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message === 'bad port') return true;
    current = current.cause;
  }
  return false;
}

function serverMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message.slice(0, 300) : '';
}

export function classifyLlmError(err: unknown, ctx: ErrorContext): AppError {
  const url = displayUrl(ctx.baseUrl);
  const make = (code: LlmErrorCode, message: string, details: LlmErrorDetails) =>
    llmError(code, message, details, ctx.secret);

  // Our own abort explains whatever the aborted request then threw (an abort error, or a stream cut short).
  if (ctx.abortCause === 'user') return make('CANCELLED', 'The LLM call was cancelled', { retryable: false });
  if (ctx.abortCause === 'idle') {
    return make(
      'LLM_TIMEOUT',
      `The LLM at ${url} stopped sending data (stalled for ${ctx.timeoutMs ?? '?'} ms)`,
      {
        retryable: true,
        reason: 'idle',
      },
    );
  }
  if (ctx.abortCause === 'deadline' || err instanceof APIConnectionTimeoutError) {
    return make('LLM_TIMEOUT', `The LLM at ${url} did not answer within ${ctx.timeoutMs ?? '?'} ms`, {
      retryable: true,
      reason: 'deadline',
    });
  }
  if (err instanceof AppError) return err;
  if (err instanceof APIUserAbortError)
    return make('CANCELLED', 'The LLM call was cancelled', { retryable: false });
  if (err instanceof APIConnectionError) {
    const code = causeCode(err);
    if (!code && isBlockedPort(err)) {
      return make(
        'LLM_UNAVAILABLE',
        `Could not reach the LLM at ${url}: fetch refuses that port (a blocked port)`,
        {
          retryable: false,
          reason: 'blocked-port',
        },
      );
    }
    const hint =
      code === 'ECONNREFUSED'
        ? 'connection refused: is the server running and the port right?'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host name not found: check the base URL or your network'
          : `connection failed${code ? ` (${code})` : ''}`;
    return make('LLM_UNAVAILABLE', `Could not reach the LLM at ${url}: ${hint}`, {
      retryable: true,
      reason: code ?? 'connection',
    });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const said = serverMessage(err);
    if (status === 401 || status === 403) {
      const keyHint = ctx.secret?.isSet ? 'rejected the API key' : 'requires an API key and none is set';
      return make('LLM_UNAUTHORIZED', `The LLM at ${url} ${keyHint} (HTTP ${status})`, {
        retryable: false,
        status,
      });
    }
    if (status === 404) {
      return make(
        'LLM_NOT_FOUND',
        `HTTP 404 from ${url}: the model${ctx.model ? ` "${ctx.model}"` : ''} or the API path does not exist ` +
          `(OpenAI-compatible base URLs usually end in /v1)${said ? `: ${said}` : ''}`,
        { retryable: false, status },
      );
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(err.headers);
      return make('LLM_RATE_LIMITED', `The LLM at ${url} is rate limiting requests (HTTP 429)`, {
        retryable: true,
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    if (status === 408)
      return make('LLM_TIMEOUT', `The LLM at ${url} timed out (HTTP 408)`, { retryable: true, status });
    if (status >= 500) {
      // Some gateways send Retry-After with 503 too; honouring it is cheaper than guessing.
      const retryAfterMs = parseRetryAfter(err.headers);
      return make('LLM_UNAVAILABLE', `The LLM at ${url} failed (HTTP ${status})${said ? `: ${said}` : ''}`, {
        retryable: true,
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    return make(
      'LLM_BAD_REQUEST',
      `The LLM at ${url} refused the request (HTTP ${status})${said ? `: ${said}` : ''}`,
      {
        retryable: false,
        status,
      },
    );
  }
  if (err instanceof SyntaxError) {
    return make('LLM_BAD_OUTPUT', `The LLM at ${url} sent a response that is not valid JSON`, {
      retryable: true,
      reason: 'unparseable-response',
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return make('LLM_UNAVAILABLE', `The LLM call to ${url} failed: ${message}`, { retryable: false });
}
