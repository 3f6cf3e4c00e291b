import type { IncomingMessage } from 'node:http';
import { AppError } from '../shared/errors.ts';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads a JSON body, refusing more than `limit` bytes before buffering them. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  if (size === 0) return {};
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'unparseable';
    throw new AppError('BAD_REQUEST', `Request body is not valid JSON: ${reason}`);
  }
}

function tooLarge(limit: number): AppError {
  const mb = Math.round(limit / (1024 * 1024));
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `Request body exceeds ${mb} MB (${limit} bytes): browser mode takes uploads up to that size; import larger files with "motiv import <file>"`,
    { limit },
  );
}
