import type { Channel, ParsedRequestOf, ResponseOf } from '../contract/channels.ts';

/** What a service method takes for channel C: the request as the contract parsed it (the handlers pass it on). */
export type In<C extends Channel> = ParsedRequestOf<C>;
/** What a service method answers for channel C. */
export type Out<C extends Channel> = Promise<ResponseOf<C>>;
