import { AppError } from '../shared/errors.ts';
import type { HandlerTable } from './handler-table.ts';

/** The `protocol.*` channels (contract/protocol.ts). Placeholder until the protocol service lands. */

type ProtocolChannel = Extract<keyof HandlerTable, `protocol.${string}`>;
type ProtocolHandlers = Pick<HandlerTable, ProtocolChannel>;

const notYet = (): Promise<never> =>
  Promise.reject(new AppError('UNSUPPORTED', 'Protocol runs are not implemented yet'));

export function protocolHandlers(): ProtocolHandlers {
  return {
    'protocol.estimate': notYet,
    'protocol.start': notYet,
    'protocol.list': notYet,
    'protocol.get': notYet,
    'protocol.cancel': notYet,
    'protocol.resume': notYet,
    'protocol.export': notYet,
    'protocol.since': notYet,
    'protocol.reference': notYet,
  };
}
