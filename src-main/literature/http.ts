import { AppError } from '../shared/errors.ts';

/**
 * One GET with a hard timeout and a size cap. A failure is a `SourceError` that says which source, what
 * status, and (for 429/503) how long the service asked us to wait, so the cascade can record it and move on.
 */

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'MotivGraphStudio/0.1 (research ideation; literature search)';

export interface SourceErrorDetails {
  source: string;
  url: string;
  status?: number;
  /** Milliseconds the service asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
  kind: 'http' | 'timeout' | 'network' | 'invalid-response';
}

export class SourceError extends AppError<'LITERATURE_SOURCE'> {
  declare readonly details: SourceErrorDetails;

  constructor(message: string, details: SourceErrorDetails) {
    super('LITERATURE_SOURCE', message, details);
  }
}

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The URL without its query, for messages: queries are the user's words, not ours to log in full. */
function shortUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export async function getText(
  source: string,
  url: string,
  options: { timeoutMs: number; accept: string; signal?: AbortSignal | undefined },
): Promise<string> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const where = shortUrl(url);
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      headers: { accept: options.accept, 'user-agent': USER_AGENT },
      redirect: 'follow',
    });
  } catch (err) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'literature search cancelled');
    if (timeout.aborted) {
      throw new SourceError(`${source}: no answer within ${options.timeoutMs} ms (${where})`, {
        source,
        url: where,
        kind: 'timeout',
      });
    }
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new SourceError(`${source}: cannot connect (${cause}) (${where})`, {
      source,
      url: where,
      kind: 'network',
    });
  }
  if (!response.ok) {
    const wait = retryAfterMs(response.headers.get('retry-after'));
    await response.body?.cancel().catch(() => undefined);
    const label = response.status === 429 ? ' (rate limited)' : '';
    throw new SourceError(`${source}: HTTP ${response.status}${label} (${where})`, {
      source,
      url: where,
      status: response.status,
      kind: 'http',
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceError(`${source}: answer too large (${length} bytes) (${where})`, {
      source,
      url: where,
      kind: 'invalid-response',
    });
  }
  try {
    const text = await response.text();
    if (text.length > MAX_BODY_BYTES) throw new Error(`answer too large (${text.length} characters)`);
    return text;
  } catch (err) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'literature search cancelled');
    const reason = timeout.aborted ? `no complete answer within ${options.timeoutMs} ms` : String(err);
    throw new SourceError(`${source}: ${reason} (${where})`, {
      source,
      url: where,
      kind: timeout.aborted ? 'timeout' : 'invalid-response',
    });
  }
}

export function parseJson(source: string, url: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(`${source}: the answer is not JSON (${shortUrl(url)})`, {
      source,
      url: shortUrl(url),
      kind: 'invalid-response',
    });
  }
}

export function invalidShape(source: string, url: string, problem: string): SourceError {
  return new SourceError(`${source}: unexpected answer: ${problem} (${shortUrl(url)})`, {
    source,
    url: shortUrl(url),
    kind: 'invalid-response',
  });
}
