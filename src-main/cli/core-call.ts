import type { Channel, RequestOf, ResponseOf } from '../contract/channels.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { dispatch } from '../core/dispatch.ts';
import { AppError } from '../shared/errors.ts';
import type { CliIo } from './io.ts';

/** The core a `motiv` command runs on: the CLI's environment and data directory, writes signed 'cli'. */
export const openCliCore = (io: CliIo): Core => createCore({ env: io.env, transport: 'cli' });

/** Runs a command on a CLI core and closes the core afterwards, whatever happened. */
export async function withCliCore<T>(io: CliIo, run: (core: Core) => Promise<T>): Promise<T> {
  const core = openCliCore(io);
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

/**
 * Like `withCliCore`, for a long job: Ctrl-C (or the caller's `signal`, e.g. a test's) aborts the signal the
 * job gets, so it stops cleanly and keeps what it did.
 */
export async function withInterruptibleCliCore<T>(
  io: CliIo,
  run: (core: Core, signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return withCliCore(io, async (core) => {
    const controller = new AbortController();
    const interrupt = (): void => controller.abort();
    process.once('SIGINT', interrupt);
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await run(core, controller.signal);
    } finally {
      process.removeListener('SIGINT', interrupt);
      signal?.removeEventListener('abort', interrupt);
    }
  });
}

/**
 * A channel called the way the app calls it (`dispatch`: the request parsed at the boundary, the same handler);
 * an error reply comes back as the AppError it was, for the command to explain or report.
 */
export async function callCore<C extends Channel>(
  core: Core,
  channel: C,
  request: RequestOf<C>,
  signal?: AbortSignal,
): Promise<ResponseOf<C>> {
  const context = signal ? { transport: 'cli' as const, signal } : { transport: 'cli' as const };
  const reply = await dispatch(core.handlers, channel, request, context, core.logger);
  if ('error' in reply) throw AppError.fromBody(reply.error);
  // dispatch ran this channel's own handler, whose type is ResponseOf<C>.
  return reply.result as ResponseOf<C>;
}
