import type { GraphNode } from '../../../../src-main/contract/graph.ts';
import type {
  ChallengeGap,
  TransferCandidate,
  UnsolvedProblem,
} from '../../../../src-main/contract/graph-explore.ts';
import type { IdeateDraft } from '../../../lib/session-request.svelte.ts';

/** The ideation topic (≤ 500 characters, the session's limit) and note for a gap of the white-space map. */

const TOPIC_MAX = 500;
const quoted = (name: string): string => `“${name.length > 160 ? `${name.slice(0, 159)}…` : name}”`;
const fit = (text: string): string => (text.length > TOPIC_MAX ? `${text.slice(0, TOPIC_MAX - 1)}…` : text);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function challengeDraft(gap: ChallengeGap): IdeateDraft {
  const solved =
    gap.solutions === 0
      ? 'No solution in the graph addresses it yet'
      : `Only ${plural(gap.solutions, 'solution')} address it`;
  return {
    topic: fit(
      `Address the open challenge ${quoted(gap.challenge.name)}. ${solved}; ${plural(gap.problems, 'problem')}, ${plural(gap.ideas, 'idea')} and ${plural(gap.papers, 'paper')} point at it.`,
    ),
    note: `White-space gap: the challenge ${quoted(gap.challenge.name)} (${plural(gap.solutions, 'solution')}, attention ${gap.attention}).`,
  };
}

export function problemDraft(gap: UnsolvedProblem): IdeateDraft {
  return {
    topic: fit(
      `Find a way into the problem ${quoted(gap.problem.name)}: none of its ${plural(gap.challenges, 'challenge')} has a solution in the graph yet.`,
    ),
    note: `White-space gap: the problem ${quoted(gap.problem.name)}, all ${plural(gap.challenges, 'challenge')} unsolved.`,
  };
}

export function transferDraft(gap: TransferCandidate): IdeateDraft {
  return {
    topic: fit(
      `Transfer the solution ${quoted(gap.solution.name)}, so far used only for ${quoted(gap.area.name)}, to other problems it could solve.`,
    ),
    note: `Transfer candidate: ${quoted(gap.solution.name)} is used in one area only.`,
  };
}

export function nodeDraft(node: GraphNode): IdeateDraft {
  const verb: Record<GraphNode['kind'], string> = {
    Problem: 'Find new research ideas for the problem',
    Challenge: 'Find new ways to overcome the challenge',
    Solution: 'Find new uses or improvements of the solution',
    Paper: 'Build on the paper',
    Topic: 'Find new research ideas on the topic',
    Idea: 'Develop further the idea',
  };
  return {
    topic: fit(`${verb[node.kind]} ${quoted(node.name)}.`),
    note: `From the Graph: the ${node.kind.toLowerCase()} ${quoted(node.name)}.`,
  };
}
