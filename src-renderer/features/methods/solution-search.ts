import type { GraphSearchHit } from '../../../src-main/contract/graph.ts';
import { ApiError, invoke } from '../../lib/api/client.ts';

/** Finds graph Solution nodes to link to a method (the `graph.search` channel, Solutions only). */

export interface SolutionCandidate {
  id: string;
  name: string;
  description: string;
}

export const SOLUTION_SEARCH_LIMIT = 10;

export async function searchSolutions(query: string): Promise<SolutionCandidate[]> {
  const { hits } = await invoke('graph.search', {
    query: query.trim(),
    kinds: ['Solution'],
    limit: SOLUTION_SEARCH_LIMIT,
  });
  return hits.map((hit: GraphSearchHit) => ({
    id: hit.node.id,
    name: hit.node.name,
    description: hit.node.description,
  }));
}

/** Why the search failed, in words the user can act on (the graph lives in the core, unlike the atlas). */
export function searchProblem(err: unknown): string {
  const reason = err instanceof ApiError ? err.message : err instanceof Error ? err.message : String(err);
  return `Could not search the graph (it needs the app's core, unlike the offline atlas): ${reason}`;
}
