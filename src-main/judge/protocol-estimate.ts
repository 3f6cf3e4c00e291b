import type { ProtocolPlan, ProtocolSetting } from '../contract/protocol.ts';
import { worstCaseCalls, worstCaseUsage } from '../ideator/estimate.ts';
import { buildConfig } from '../ideator/session-config.ts';
import { estimateCost, estimateTokens } from '../llm/index.ts';
import type { PriceTable } from '../llm/index.ts';
import type { TokenCount } from '../llm/prices.ts';
import { DIRECT_RUBRIC_VERSION, loadRubric, PAIRWISE_RUBRIC_VERSION, renderRubric } from './rubric.ts';

/**
 * What a protocol run will cost, before it starts: an estimate, not a quote. Ideation is the ideator's own upper
 * bound per session (every tool step, every round, the full prompt budget); judging counts the calls exactly
 * (one direct score per idea, two calls per tournament pair) and sizes each prompt as the rubric's own text plus
 * an idea of the paper's mean length (4,908 characters), with typical reply lengths.
 */

/** The paper's mean idea length in characters, in tokens (~4 characters a token). */
export const TYPICAL_IDEA_TOKENS = Math.ceil(4_908 / 4);
/** Five scores with a rationale each. */
export const DIRECT_COMPLETION_TOKENS = 350;
/** Five letters and a short rationale. */
export const PAIRWISE_COMPLETION_TOKENS = 120;

export interface EstimateModels {
  researcher: string;
  mentor: string;
  judge: string;
}

export interface CostLine {
  sessions: number;
  ideationCalls: number;
  judgeCalls: number;
  tokens: number;
  costUsd: number | null;
}

export interface ProtocolEstimate extends CostLine {
  perSetting: (CostLine & { setting: string })[];
  unpricedModels: string[];
  basis: string;
}

const BASIS =
  "An estimate, not a quote: ideation is the ideator's upper bound per session (every tool step and round at " +
  'the full prompt budget); judge calls are counted exactly (one direct score per idea, two calls per ' +
  "tournament pair), each prompt sized as the rubric plus an idea of the paper's mean length (4,908 " +
  'characters) with typical replies; prices from Settings → Prices. Judgments already stored are not paid again.';

function rubricTokens(version: string, section: string): number {
  const rubric = loadRubric(version);
  const system = renderRubric(rubric, 'system', {});
  const user = renderRubric(rubric, section, { topic: '', idea: '', ideaA: '', ideaB: '' });
  return estimateTokens(system) + estimateTokens(user);
}

/** Pairs in one tournament over n ideas: ⌊n/2⌋ per round. */
export const pairsPerTournament = (n: number, rounds: number): number => rounds * Math.floor(n / 2);

export function estimateProtocol(
  plan: ProtocolPlan,
  models: EstimateModels,
  prices: PriceTable,
  maxRounds: number,
): ProtocolEstimate {
  const topics = plan.topics.length;
  const ideasPerSetting = topics * plan.ideasPerTopic;
  const ideasPerTopic = plan.settings.length * plan.ideasPerTopic;
  const pairCalls = 2 * topics * plan.seeds.length * pairsPerTournament(ideasPerTopic, plan.rounds);
  const directPrompt = rubricTokens(DIRECT_RUBRIC_VERSION, 'idea') + TYPICAL_IDEA_TOKENS;
  const pairPrompt = rubricTokens(PAIRWISE_RUBRIC_VERSION, 'pair') + 2 * TYPICAL_IDEA_TOKENS;
  const unpriced = new Set<string>();

  const line = (setting: ProtocolSetting): CostLine & { setting: string } => {
    const config = buildConfig({
      topic: 'estimate',
      ideas: plan.ideasPerTopic,
      maxRounds,
      noGraph: !setting.graph,
      noMentor: !setting.mentor,
    });
    const researcher = setting.model ?? models.researcher;
    const ideation = worstCaseUsage(config, { researcher, mentor: models.mentor }).map((u) => ({
      ...u,
      promptTokens: u.promptTokens * topics,
      completionTokens: u.completionTokens * topics,
    }));
    // The setting's share of the tournaments: its ideas' fraction of every pair.
    const share = pairCalls / plan.settings.length;
    const judging: TokenCount = {
      model: models.judge,
      promptTokens: Math.round(ideasPerSetting * directPrompt + share * pairPrompt),
      completionTokens: Math.round(
        ideasPerSetting * DIRECT_COMPLETION_TOKENS + share * PAIRWISE_COMPLETION_TOKENS,
      ),
    };
    const counts = [...ideation, judging];
    const cost = estimateCost(prices, counts);
    for (const model of cost.unpricedModels) unpriced.add(model);
    return {
      setting: setting.name,
      sessions: topics,
      ideationCalls: worstCaseCalls(config) * topics,
      judgeCalls: Math.round(ideasPerSetting + share),
      tokens: counts.reduce((n, c) => n + c.promptTokens + c.completionTokens, 0),
      costUsd: cost.unpricedModels.length > 0 ? null : cost.usd,
    };
  };

  const perSetting = plan.settings.map(line);
  const sum = (pick: (l: CostLine) => number): number => perSetting.reduce((n, l) => n + pick(l), 0);
  return {
    sessions: sum((l) => l.sessions),
    ideationCalls: sum((l) => l.ideationCalls),
    judgeCalls: topics * ideasPerTopic + pairCalls,
    tokens: sum((l) => l.tokens),
    costUsd: unpriced.size > 0 ? null : sum((l) => l.costUsd ?? 0),
    perSetting,
    unpricedModels: [...unpriced].sort(),
    basis: BASIS,
  };
}
