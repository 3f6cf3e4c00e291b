import { AppError } from '../../shared/errors.ts';
import type { LookupCache } from './lookup-cache.ts';

export interface HttpGetOptions {
  service: string;
  timeoutMs: number;
  cache: LookupCache;
  headers?: Record<string, string>;
}

/**
 * GET a lookup URL through the disk cache and read the answer with `read`; only an answer that reads is cached.
 * Failures are typed: NOT_FOUND (404: the service has no such paper), RATE_LIMITED (429), UNAVAILABLE (network,
 * timeout, any other status), UPSTREAM_INVALID (an answer `read` refuses), each naming the service and URL.
 */
export async function httpGet<T>(
  url: string,
  read: (body: string) => T,
  options: HttpGetOptions,
): Promise<T> {
  const cached = options.cache.get(url);
  if (cached !== null) {
    try {
      return read(cached);
    } catch {
      // a cached answer this version cannot read is fetched again
    }
  }
  const { service } = options;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { 'user-agent': 'MotivGraphStudio (paper import)', ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const cause = timedOut
      ? `no answer within ${options.timeoutMs} ms`
      : err instanceof Error
        ? err.message
        : String(err);
    throw new AppError('UNAVAILABLE', `${service} is unreachable (${cause}): ${url}`, { service, url });
  }
  const body = await response.text();
  if (response.status === 404) {
    throw new AppError('NOT_FOUND', `${service} has no record at ${url}`, { service, url, status: 404 });
  }
  if (response.status === 429) {
    throw new AppError('RATE_LIMITED', `${service} is rate-limiting requests; try again later`, {
      service,
      url,
      status: 429,
      retryAfter: response.headers.get('retry-after'),
    });
  }
  if (!response.ok) {
    throw new AppError('UNAVAILABLE', `${service} answered HTTP ${response.status}: ${url}`, {
      service,
      url,
      status: response.status,
    });
  }
  let value: T;
  try {
    value = read(body);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new AppError(
      'UPSTREAM_INVALID',
      `${service} answered with data that could not be read (${reason}): ${url}`,
      {
        service,
        url,
      },
    );
  }
  options.cache.put(url, body);
  return value;
}
