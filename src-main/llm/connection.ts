import { AppError } from '../shared/errors.ts';
import { CallGuard } from './call-guard.ts';
import type { LlmClient } from './client.ts';
import { LLM_ROLES } from './config.ts';
import type { LlmRole } from './config.ts';
import { classifyLlmError, llmError } from './errors.ts';
import { displayUrl } from './secret.ts';

/**
 * Model listing and the settings page's "Test connection": one quick request to /models, and when it fails an
 * explanation a user can act on (server down, wrong key, base URL missing /v1, not an OpenAI-compatible API).
 */

export interface ConnectionOk {
  ok: true;
  baseUrl: string;
  latencyMs: number;
  models: string[];
  /** Configured models the endpoint does not list (some providers list only a subset, so this is a warning). */
  unlistedModels: { role: LlmRole; model: string }[];
}

export interface ConnectionFailed {
  ok: false;
  baseUrl: string;
  code: string;
  message: string;
  hint: string;
}

export type ConnectionReport = ConnectionOk | ConnectionFailed;

export async function listModels(
  client: LlmClient,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string[]> {
  if (client.backend) return client.backend.listModels();
  const timeoutMs = options.timeoutMs ?? Math.min(client.timeoutMs, 15_000);
  const guard = new CallGuard({ signal: options.signal, timeoutMs });
  const ctx = { baseUrl: client.config.baseUrl, secret: client.config.apiKey, timeoutMs };
  try {
    // The raw body, not models.list(): its Page wrapper turns an HTML page into an empty list.
    const body = await client.openai.get<unknown>('/models', { signal: guard.signal, timeout: timeoutMs });
    const data: unknown = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
    if (!Array.isArray(data)) {
      throw llmError('LLM_BAD_OUTPUT', `${displayUrl(ctx.baseUrl)} did not answer with a model list`, {
        retryable: false,
        reason: 'not-openai-compatible',
      });
    }
    const ids = data.flatMap((m: unknown) =>
      m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string'
        ? [(m as { id: string }).id]
        : [],
    );
    return [...new Set(ids)].sort();
  } catch (err) {
    throw classifyLlmError(err, { ...ctx, abortCause: guard.cause });
  } finally {
    guard.dispose();
  }
}

function hintFor(err: AppError): string {
  const reason = (err.details as { reason?: string } | undefined)?.reason;
  switch (err.code) {
    case 'LLM_UNAVAILABLE':
      if (reason === 'blocked-port')
        return 'Browsers and Node refuse a few ports for safety (e.g. 9, 25, 6000); nothing was tried. Run the server on another port, e.g. 11434 or 8000.';
      return reason === 'ECONNREFUSED'
        ? 'Nothing is listening at that address. Start the server (e.g. `ollama serve`) or fix the port.'
        : 'The endpoint could not be reached. Check the base URL, your network and any proxy.';
    case 'LLM_UNAUTHORIZED':
      return 'Check the API key in Settings → LLM (or MOTIV_LLM_API_KEY).';
    case 'LLM_NOT_FOUND':
    case 'LLM_BAD_OUTPUT':
      return 'The base URL does not look like an OpenAI-compatible API. It usually ends in /v1, e.g. http://localhost:11434/v1.';
    case 'LLM_TIMEOUT':
      return 'The endpoint accepted the connection but did not answer in time.';
    case 'LLM_RATE_LIMITED':
      return 'The endpoint is reachable but rate limiting; try again shortly.';
    default:
      return 'See the message for details.';
  }
}

export async function testConnection(
  client: LlmClient,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ConnectionReport> {
  const baseUrl = displayUrl(client.config.baseUrl);
  const started = performance.now();
  try {
    const models = await listModels(client, options);
    const listed = new Set(models);
    return {
      ok: true,
      baseUrl,
      latencyMs: Math.round(performance.now() - started),
      models,
      unlistedModels: LLM_ROLES.flatMap((role) =>
        listed.has(client.config.models[role]) ? [] : [{ role, model: client.config.models[role] }],
      ),
    };
  } catch (err) {
    if (err instanceof AppError && err.code === 'CANCELLED') throw err;
    const error = err instanceof AppError ? err : classifyLlmError(err, { baseUrl: client.config.baseUrl });
    return { ok: false, baseUrl, code: error.code, message: error.message, hint: hintFor(error) };
  }
}
