import type { Channel } from '../contract/channels.ts';
import type { Handler } from './handler-table.ts';
import type { MiningService } from './mining-service.ts';

/** The `mining.*` channels: thin adapters over the core's one mining service (mining-service.ts). */

type MiningChannel = Extract<Channel, `mining.${string}`>;
export type MiningHandlers = { [C in MiningChannel]: Handler<C> };

export function miningHandlers(mining: MiningService): MiningHandlers {
  return {
    'mining.start': (request) => mining.start(request),
    'mining.resume': ({ jobId }) => mining.resume(jobId),
    'mining.cancel': ({ jobId }) => mining.cancel(jobId),
    'mining.list': () => mining.list(),
    'mining.job': ({ jobId }) => mining.job(jobId),
    'mining.report': ({ jobId }) => mining.report(jobId),
    'mining.estimate': (request) => mining.estimate(request),
    'mining.since': (request) => mining.since(request),
    ...mining.hierarchy,
  };
}
