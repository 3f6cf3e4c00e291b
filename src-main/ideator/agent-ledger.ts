import type { CostReport, LedgerEntry, PriceTable } from '../llm/index.ts';
import { UsageLedger } from '../llm/index.ts';
import type { TokenCount } from './estimate.ts';
import type { TurnRecord } from './types.ts';

/**
 * The ledger per agent (issue 16), before a run (the worst case) and after it (what was recorded). The researcher
 * and the mentor are LLM calls with tokens and a price. Tools call no model: their row counts the tool calls run
 * and the tokens their results add to later researcher prompts (billed there, so no cost of their own).
 * Compaction calls no model either: its row counts the prompts it had to shorten to fit the budget.
 */

export type AgentName = 'researcher' | 'mentor' | 'tools' | 'compaction';

export interface AgentUsage {
  agent: AgentName;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  cost: CostReport;
}

const FREE: CostReport = { usd: 0, unpricedModels: [] };

/** What a session's ledger and turns recorded, per agent. */
export function agentsAfter(entries: LedgerEntry[], turns: TurnRecord[], prices?: PriceTable): AgentUsage[] {
  const ledger = new UsageLedger({ entries, ...(prices ? { prices } : {}) });
  const llm = (agent: 'researcher' | 'mentor'): AgentUsage => {
    const t = ledger.totals({ role: agent });
    return {
      agent,
      calls: t.calls,
      promptTokens: t.promptTokens,
      completionTokens: t.completionTokens,
      cost: t.cost,
    };
  };
  const tools = turns.filter((t) => t.kind === 'tool');
  const compacted = turns.filter((t) => typeof t.meta['compaction'] === 'number' && t.meta['compaction'] > 0);
  return [
    llm('researcher'),
    llm('mentor'),
    {
      agent: 'tools',
      calls: tools.length,
      promptTokens: Math.ceil(tools.reduce((n, t) => n + t.content.length, 0) / 4),
      completionTokens: 0,
      cost: FREE,
    },
    { agent: 'compaction', calls: compacted.length, promptTokens: 0, completionTokens: 0, cost: FREE },
  ];
}

/**
 * The worst case per agent, from the estimate's per-model counts (researcher first, mentor second) and its
 * call counts: every tool step used, and no prompt needing compaction beyond the budget it already assumes.
 */
export function agentsBefore(
  usage: TokenCount[],
  calls: { researcher: number; mentor: number; toolSteps: number },
  estimateCost: (counts: TokenCount) => CostReport,
): AgentUsage[] {
  const row = (agent: 'researcher' | 'mentor', count: TokenCount | undefined, n: number): AgentUsage => ({
    agent,
    calls: n,
    promptTokens: count?.promptTokens ?? 0,
    completionTokens: count?.completionTokens ?? 0,
    cost: count ? estimateCost(count) : FREE,
  });
  return [
    row('researcher', usage[0], calls.researcher),
    row('mentor', usage[1], calls.mentor),
    { agent: 'tools', calls: calls.toolSteps, promptTokens: 0, completionTokens: 0, cost: FREE },
    { agent: 'compaction', calls: 0, promptTokens: 0, completionTokens: 0, cost: FREE },
  ];
}
