import type { Channel, ParsedRequestOf, ResponseOf } from '../contract/channels.ts';
import type { Handler, HandlerTable } from './handler-table.ts';

/** `service`'s methods named like the channels `<area>.<method>` and fit to answer them (request in, response out). */
type ForwardedMethod<S, Area extends string> = {
  [M in keyof S & string]: `${Area}.${M}` extends infer C extends Channel
    ? S[M] extends (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>
      ? M
      : never
    : never;
}[keyof S & string];

/**
 * Thin adapter tables: channel `<area>.<method>` is answered by `service.<method>(request)`. A method that does not
 * fit its channel's request and response is not accepted, so the table keeps the checks a written-out one has.
 */
export function forwardTo<S, Area extends string, M extends ForwardedMethod<S, Area>>(
  service: S,
  area: Area,
  methods: readonly M[],
): Pick<HandlerTable, `${Area}.${M}` & Channel> {
  const table: Partial<Record<Channel, Handler<Channel>>> = {};
  for (const method of methods) {
    const answer = service[method] as (request: unknown) => Promise<ResponseOf<Channel>>;
    table[`${area}.${method}` as Channel] = (request) => answer.call(service, request);
  }
  return table as Pick<HandlerTable, `${Area}.${M}` & Channel>;
}
