import type { Channel, RequestOf, ResponseOf } from '../contract/channels.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { dispatch } from '../core/dispatch.ts';
import { AppError } from '../shared/errors.ts';
import type { CliIo } from './io.ts';

/** The core a `motiv` command runs on: the CLI's environment and data directory, writes signed 'cli'. */
export const openCliCore = (io: CliIo): Core => createCore({ env: io.env, transport: 'cli' });

/**
 * A channel called the way the app calls it (`dispatch`: the request parsed at the boundary, the same handler);
 * an error reply comes back as the AppError it was, for the command to explain or report.
 */
export async function callCore<C extends Channel>(
  core: Core,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const reply = await dispatch(core.handlers, channel, request, { transport: 'cli' }, core.logger);
  if ('error' in reply) throw AppError.fromBody(reply.error);
  // dispatch ran this channel's own handler, whose type is ResponseOf<C>.
  return reply.result as ResponseOf<C>;
}
