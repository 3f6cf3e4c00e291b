import type { Channel, ParsedRequestOf, ResponseOf } from '../contract/channels.ts';

export type Transport = 'ipc' | 'http' | 'cli';

export interface HandlerContext {
  transport: Transport;
  signal?: AbortSignal;
}

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  ctx: HandlerContext,
) => Promise<ResponseOf<C>>;

/** One handler per channel; a missing or extra key is a type error, so the table is exhaustive by construction. */
export type HandlerTable = { [C in Channel]: Handler<C> };
