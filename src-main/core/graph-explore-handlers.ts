import type { GraphExploreChannel } from '../contract/graph-explore.ts';
import type { GraphStore } from '../graph/port.ts';
import type { Handler } from './handler-table.ts';

export type GraphExploreHandlers = { [C in GraphExploreChannel]: Handler<C> };

/** The explorer's reads over the Graph section's store: thin, the store holds every rule. */
export function createGraphExploreHandlers(store: () => Promise<GraphStore>): GraphExploreHandlers {
  return {
    'graph.path': async (request) => (await store()).findPath(request),
    'graph.whitespace': async (request) => (await store()).whitespace(request),
    'graph.overview': async (request) => (await store()).overview(request),
  };
}
