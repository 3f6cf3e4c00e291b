import type { SessionConfig } from './types.ts';

/**
 * An upper bound on what a session can cost, shown before it starts: every exploration uses all its tool
 * steps, every idea goes the full number of rounds, and every prompt fills the budget. Real runs cost less.
 */

/** The shape UsageLedger.estimateCost takes. */
export interface TokenCount {
  model: string;
  promptTokens: number;
  completionTokens: number;
}

const COMPLETION_TOKENS_PER_CALL = 1_200;

/** A fork starts from a copied version: no exploration, no first draft, only the deliberation. */
export interface EstimateShape {
  forked?: boolean;
}

export function worstCaseCalls(
  config: Pick<SessionConfig, 'ideas' | 'maxRounds' | 'noGraph' | 'noMentor' | 'maxToolSteps'>,
  shape: EstimateShape = {},
): number {
  const explore = config.noGraph || shape.forked ? 0 : config.maxToolSteps + 1;
  const draft = shape.forked ? 0 : 1;
  // Each round: the mentor's question, the researcher's answer (with tool steps) and the revised idea.
  const perRound = 1 + (config.noGraph ? 1 : config.maxToolSteps + 1) + 1;
  const deliberation = config.noMentor ? 0 : (config.maxRounds - 1) * perRound + 1;
  return config.ideas * (explore + draft + deliberation);
}

export function worstCaseUsage(
  config: SessionConfig,
  models: { researcher: string; mentor: string },
  shape: EstimateShape = {},
): TokenCount[] {
  const calls = worstCaseCalls(config, shape);
  const mentorCalls = worstCaseMentorCalls(config);
  const perCall = (model: string, n: number): TokenCount => ({
    model,
    promptTokens: n * config.promptBudgetTokens,
    completionTokens: n * COMPLETION_TOKENS_PER_CALL,
  });
  return [perCall(models.researcher, calls - mentorCalls), perCall(models.mentor, mentorCalls)];
}

/** Tool-calling steps at most: every exploration and every answer uses all of its steps. */
export function worstCaseToolSteps(
  config: Pick<SessionConfig, 'ideas' | 'maxRounds' | 'noGraph' | 'noMentor' | 'maxToolSteps'>,
  shape: EstimateShape = {},
): number {
  if (config.noGraph) return 0;
  const explore = shape.forked ? 0 : config.maxToolSteps;
  const answers = config.noMentor ? 0 : (config.maxRounds - 1) * config.maxToolSteps;
  return config.ideas * (explore + answers);
}

/** The mentor's calls at most: one per round of every idea. */
export function worstCaseMentorCalls(
  config: Pick<SessionConfig, 'ideas' | 'maxRounds' | 'noMentor'>,
): number {
  return config.noMentor ? 0 : config.ideas * config.maxRounds;
}
