import type { HandlerTable } from './handler-table.ts';
import type { ProtocolService } from './protocol-service.ts';

/** The `protocol.*` channels (contract/protocol.ts): thin adapters over the core's protocol service. */

type ProtocolChannel = Extract<keyof HandlerTable, `protocol.${string}`>;
type ProtocolHandlers = Pick<HandlerTable, ProtocolChannel>;

export function protocolHandlers(protocol: ProtocolService): ProtocolHandlers {
  return {
    'protocol.estimate': (request) => protocol.estimate(request),
    'protocol.start': (request) => protocol.start(request),
    'protocol.list': () => protocol.list(),
    'protocol.get': (request) => protocol.get(request),
    'protocol.cancel': (request) => protocol.cancel(request),
    'protocol.resume': (request) => protocol.resume(request),
    'protocol.export': (request) => protocol.export(request),
    'protocol.since': (request) => protocol.since(request),
    'protocol.reference': () => protocol.reference(),
  };
}
