import type { RelatedNode } from '../graph/views.ts';
import { atlasMethodIdOf, ATLAS_PROVENANCE_LEAD } from './atlas-node.ts';

/**
 * A challenge's atlas candidate solutions as the ideator's `node_relation` tool shows them: each method marked
 * "atlas method, unreviewed" or "approved" (rejected ones are left out), with its paper, so the researcher can
 * transfer a method without any network call.
 */

const DESCRIPTION_CHARS = 300;

export interface AtlasCandidate {
  name: string;
  method: string;
  status: 'atlas method, unreviewed' | 'approved';
  description: string;
  paper: string;
}

/** `{ atlas_candidates: [...] }` for the challenge's SOLVED_BY solutions, or nothing when it has none. */
export function atlasCandidateView(solutions: readonly RelatedNode[]): {
  atlas_candidates?: AtlasCandidate[];
} {
  const candidates: AtlasCandidate[] = [];
  for (const { node, edge } of solutions) {
    const method = atlasMethodIdOf(node);
    if (!method || node.review === 'rejected' || edge.review === 'rejected') continue;
    const [description = '', provenance = ''] = node.description.split(`\n\n${ATLAS_PROVENANCE_LEAD}`);
    candidates.push({
      name: node.name,
      method,
      status: node.review === 'approved' ? 'approved' : 'atlas method, unreviewed',
      description: description.slice(0, DESCRIPTION_CHARS),
      paper: provenance ? `${ATLAS_PROVENANCE_LEAD}${provenance}`.slice(0, DESCRIPTION_CHARS) : '',
    });
  }
  return candidates.length ? { atlas_candidates: candidates } : {};
}
