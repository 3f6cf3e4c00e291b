import type { Agreement } from '../contract/ratings.ts';
import { rankAgreement } from '../judge/rank-agreement.ts';

/**
 * Agreement between a human ranking and an LLM ranking (judge/rank-agreement.ts: Spearman, Kendall tau-b), over
 * the ideas both ranked. Below three ideas in common the numbers say nothing, so the reason is answered instead.
 */

export const MIN_COMMON_IDEAS = 3;

export function agreementOf(
  human: Agreement['human'],
  llm: Agreement['llm'],
  humanValues: ReadonlyMap<string, number>,
  llmValues: ReadonlyMap<string, number> | null,
  missingLlm: string,
): Agreement {
  if (llmValues === null) return { human, llm, n: 0, spearman: null, kendallTauB: null, reason: missingLlm };
  const common = [...humanValues.keys()].filter((id) => llmValues.has(id));
  if (common.length < MIN_COMMON_IDEAS) {
    return {
      human,
      llm,
      n: common.length,
      spearman: null,
      kendallTauB: null,
      reason:
        `${common.length} idea${common.length === 1 ? '' : 's'} ranked by both; ` +
        `agreement needs at least ${MIN_COMMON_IDEAS}`,
    };
  }
  const stats = rankAgreement(
    common.map((id) => humanValues.get(id) as number),
    common.map((id) => llmValues.get(id) as number),
  );
  const constant = stats.spearman === null || stats.kendallTauB === null;
  return {
    human,
    llm,
    ...stats,
    reason: constant ? 'one ranking gives every idea in common the same value' : null,
  };
}
