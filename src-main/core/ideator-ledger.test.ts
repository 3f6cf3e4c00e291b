import { describe, expect, it } from 'vitest';
import type { IdeatorAgentUsage, IdeatorEstimate, IdeatorSessionDetail } from '../contract/ideator.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { openIdeatorCore } from '../test-support/ideator-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * Issue 16, the ledger per agent: the estimate splits its worst case into researcher, mentor, tools and
 * compaction, and `ideator.ledger` splits what a run recorded the same way; the rows add up to the totals.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

const sum = (rows: IdeatorAgentUsage[], pick: (r: IdeatorAgentUsage) => number) =>
  rows.reduce((n, r) => n + pick(r), 0);

describe('ledger per agent', () => {
  it('splits the estimate and the recorded run by agent, adding up to the totals', async () => {
    const { ok, call, events } = await openIdeatorCore(open, tempDir(), 'accept');
    // The fixed cycle: this test is about the ledger; the scenario's mentor accepts in round 2.
    const options = { topic: 'LLM research ideation', ideas: 1, maxRounds: 3, mentorPolicy: LEGACY_POLICY };
    const estimate = await ok<IdeatorEstimate>('ideator.estimate', options);
    expect(estimate.agents.map((a) => a.agent)).toEqual(['researcher', 'mentor', 'tools', 'compaction']);
    const [researcher, mentor, tools] = estimate.agents;
    expect((researcher?.calls ?? 0) + (mentor?.calls ?? 0)).toBe(estimate.calls);
    expect(mentor?.calls).toBe(3);
    expect(tools?.calls).toBe(6 + 2 * 6);
    expect(sum(estimate.agents, (a) => a.promptTokens)).toBe(estimate.promptTokens);
    expect(sum(estimate.agents, (a) => a.cost.usd)).toBeCloseTo(estimate.cost.usd, 10);

    const { id } = await ok<{ id: string }>('ideator.start', options);
    await waitFor(() => events.some((e) => e.type === 'status' && e.status === 'completed'), 10_000);
    const detail = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: id });
    const { agents } = await ok<{ agents: IdeatorAgentUsage[] }>('ideator.ledger', { sessionId: id });
    const row = (name: string) => agents.find((a) => a.agent === name);
    expect(row('mentor')?.calls).toBe(detail.turns.filter((t) => t.kind === 'mentor').length);
    expect((row('researcher')?.calls ?? 0) + (row('mentor')?.calls ?? 0)).toBe(detail.usage.calls);
    expect(sum(agents, (a) => a.promptTokens) - (row('tools')?.promptTokens ?? 0)).toBe(
      detail.usage.promptTokens,
    );
    expect(sum(agents, (a) => a.cost.usd)).toBeCloseTo(detail.usage.cost.usd, 10);
    const toolTurns = detail.turns.filter((t) => t.kind === 'tool');
    expect(toolTurns.length).toBeGreaterThan(0);
    expect(row('tools')).toMatchObject({ calls: toolTurns.length, cost: { usd: 0 } });
    expect(row('tools')?.promptTokens).toBe(
      Math.ceil(toolTurns.reduce((n, t) => n + t.content.length, 0) / 4),
    );
    expect(await call('ideator.ledger', { sessionId: 'nope' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});
