import type { CuratableEdgeType } from '../../../../src-main/contract/graph-curation.ts';
import type { NodeKind } from '../../../../src-main/contract/graph.ts';

/**
 * The edges a person may add from an open node, in words: the allowed kinds restated from the model's EDGE_RULES
 * (graph/model.ts; the store refuses anything else with VALIDATION, so a drift here shows as an error, never as
 * a bad edge). `outgoing`: the open node is the edge's `from`.
 */
export interface EdgeChoice {
  key: string;
  label: string;
  type: CuratableEdgeType;
  outgoing: boolean;
  otherKinds: NodeKind[];
}

const SAME_KIND_PARENTS: NodeKind[] = ['Problem', 'Challenge', 'Solution', 'Topic'];
const PROVENANCE_FROM: NodeKind[] = ['Problem', 'Challenge', 'Solution', 'Topic', 'Idea'];

export function edgeChoices(kind: NodeKind): EdgeChoice[] {
  const choices: EdgeChoice[] = [];
  if (SAME_KIND_PARENTS.includes(kind)) {
    choices.push(
      { key: 'child', label: `has child ${kind}`, type: 'PARENT_OF', outgoing: true, otherKinds: [kind] },
      { key: 'parent', label: `has parent ${kind}`, type: 'PARENT_OF', outgoing: false, otherKinds: [kind] },
    );
  }
  if (kind === 'Problem') {
    choices.push({
      key: 'challenge',
      label: 'has challenge',
      type: 'HAS_CHALLENGE',
      outgoing: true,
      otherKinds: ['Challenge'],
    });
  }
  if (kind === 'Challenge') {
    choices.push(
      {
        key: 'problem',
        label: 'is a challenge of Problem',
        type: 'HAS_CHALLENGE',
        outgoing: false,
        otherKinds: ['Problem'],
      },
      { key: 'solution', label: 'is solved by', type: 'SOLVED_BY', outgoing: true, otherKinds: ['Solution'] },
    );
  }
  if (kind === 'Solution') {
    choices.push({
      key: 'solves',
      label: 'solves Challenge',
      type: 'SOLVED_BY',
      outgoing: false,
      otherKinds: ['Challenge'],
    });
  }
  if (PROVENANCE_FROM.includes(kind)) {
    choices.push({
      key: 'paper',
      label: 'extracted from Paper',
      type: 'EXTRACTED_FROM',
      outgoing: true,
      otherKinds: ['Paper'],
    });
  }
  if (kind === 'Paper') {
    choices.push({
      key: 'source-of',
      label: 'is the source of',
      type: 'EXTRACTED_FROM',
      outgoing: false,
      otherKinds: ['Problem', 'Challenge', 'Solution', 'Topic'],
    });
  }
  return choices;
}
