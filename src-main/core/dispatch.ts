import { channels, isChannel, type Channel } from '../contract/channels.ts';
import type { Reply } from '../contract/envelope.ts';
import { describeIssues, fieldIssues } from '../shared/zod-issues.ts';
import type { HandlerContext, HandlerTable } from './handler-table.ts';
import { replyErrorOf } from '../shared/internal-error.ts';
import type { Logger } from './logger.ts';

/**
 * The single entry point of every transport: checks the channel, parses the payload at the boundary, runs the
 * handler and wraps the outcome in the reply envelope. It never throws, and never forwards the message of an
 * unexpected fault: that goes to the log under an id the reply names (shared/internal-error.ts).
 */
export async function dispatch(
  table: HandlerTable,
  channel: string,
  payload: unknown,
  ctx: HandlerContext,
  logger?: Logger,
): Promise<Reply<unknown>> {
  if (!isChannel(channel)) {
    return { error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel "${channel.slice(0, 100)}"` } };
  }
  const parsed = channels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    return {
      error: {
        code: 'VALIDATION',
        message: `Invalid request for ${channel}: ${describeIssues(issues)}`,
        details: { issues },
      },
    };
  }
  try {
    const result = await runHandler(table, channel, parsed.data, ctx);
    return { result };
  } catch (err) {
    return { error: replyErrorOf(err, logger, { channel }) };
  }
}

function runHandler<C extends Channel>(
  table: HandlerTable,
  channel: C,
  request: unknown,
  ctx: HandlerContext,
): Promise<unknown> {
  // The request was parsed with this channel's own schema just above, so the cast only restates that fact.
  const handler = table[channel] as (request: unknown, ctx: HandlerContext) => Promise<unknown>;
  return handler(request, ctx);
}
