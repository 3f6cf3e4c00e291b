import { z } from 'zod';
import { DIMENSIONS } from './dimensions.ts';
import type { Dimension } from './dimensions.ts';
import type { JudgedIdea } from './direct-score.ts';
import { ideaText } from './idea-text.ts';
import { askJudge } from './judge-call.ts';
import type { JudgeDeps } from './judge-call.ts';
import { loadRubric, PAIRWISE_RUBRIC_VERSION, renderRubric } from './rubric.ts';

/**
 * A pair judged twice, in both orders, so a judge that prefers whichever idea comes first cancels out: the
 * same winner both times is a win, different winners a draw.
 */

const Side = z.enum(['A', 'B']);
export const PairwiseReplySchema = z.object({
  ...(Object.fromEntries(DIMENSIONS.map((d) => [d, Side])) as Record<Dimension, typeof Side>),
  rationale: z.string().trim().min(1).max(2000),
});
export type PairwiseReply = z.infer<typeof PairwiseReplySchema>;

/** Per dimension: 1 = the first idea of the pair wins, 0 = the second, 0.5 = draw (inconsistent verdicts). */
export type PairOutcome = Record<Dimension, 0 | 0.5 | 1>;

export interface PairResult {
  outcome: PairOutcome;
  costUsd: number;
  /** Judge calls actually made now (0, 1 or 2; repairs not counted). */
  newCalls: number;
}

function pairMessages(topic: string, a: JudgedIdea, b: JudgedIdea, rubricVersion: string) {
  const rubric = loadRubric(rubricVersion);
  return [
    { role: 'system' as const, content: renderRubric(rubric, 'system', {}) },
    {
      role: 'user' as const,
      content: renderRubric(rubric, 'pair', {
        topic,
        ideaA: ideaText(a),
        ideaB: ideaText(b),
      }),
    },
  ];
}

/** Combines the two verdicts: `forward` saw (first, second) as (A, B), `reverse` saw them as (B, A). */
export function combineVerdicts(forward: PairwiseReply, reverse: PairwiseReply): PairOutcome {
  const outcome = {} as PairOutcome;
  for (const d of DIMENSIONS) {
    const firstWinsForward = forward[d] === 'A';
    const firstWinsReverse = reverse[d] === 'B';
    outcome[d] = firstWinsForward === firstWinsReverse ? (firstWinsForward ? 1 : 0) : 0.5;
  }
  return outcome;
}

export async function judgePair(
  deps: JudgeDeps,
  first: JudgedIdea,
  second: JudgedIdea,
  rubricVersion = PAIRWISE_RUBRIC_VERSION,
): Promise<PairResult> {
  const topic = first.topic;
  const ask = (a: JudgedIdea, b: JudgedIdea) =>
    askJudge(deps, {
      kind: 'pairwise',
      rubricVersion,
      ideaIds: [a.id, b.id],
      messages: pairMessages(topic, a, b, rubricVersion),
      schema: PairwiseReplySchema,
    });
  const forward = await ask(first, second);
  const reverse = await ask(second, first);
  return {
    outcome: combineVerdicts(forward.value, reverse.value),
    costUsd:
      (forward.reused ? 0 : forward.judgment.costUsd) + (reverse.reused ? 0 : reverse.judgment.costUsd),
    newCalls: (forward.reused ? 0 : 1) + (reverse.reused ? 0 : 1),
  };
}
