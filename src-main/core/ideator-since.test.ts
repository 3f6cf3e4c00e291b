import { describe, expect, it } from 'vitest';
import type { IdeatorSessionDetail, IdeatorSessionRecord, IdeatorSinceResult } from '../contract/ideator.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { openIdeatorCore } from '../test-support/ideator-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * `ideator.since` over dispatch: the changes a client missed, as the events carried them (usage with the
 * session's priced running totals), and the running totals agree with a whole-ledger read (`ideator.get`).
 */

const tempDir = useTempDirs();
const open = useOpenCore();

describe('ideator.since', () => {
  it('replays what the events said, usage priced with running totals equal to the whole ledger', async () => {
    // A priced model name, so usage events carry costs.
    const { events, call, ok } = await openIdeatorCore(open, tempDir(), 'accept', {
      MOTIV_LLM_MODEL: 'gpt-4o-mini',
    });

    // The fixed cycle: this test is about the change log, and its scenario's mentor accepts in round 2.
    const session = await ok<IdeatorSessionRecord>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
      mentorPolicy: LEGACY_POLICY,
    });
    await waitFor(() => events.some((e) => e.type === 'status' && e.status === 'completed'), 10_000);
    const sent = events.filter((e) => 'seq' in e);
    const detail = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: session.id });
    expect(detail.session.seq).toBe(sent.length);

    const all = await ok<IdeatorSinceResult>('ideator.since', { sessionId: session.id, seq: 0 });
    expect(all).toEqual({ seq: sent.length, changes: sent });
    const usage = all.changes.filter((c) => c.type === 'usage');
    expect(usage.length).toBeGreaterThan(2);
    expect(usage.at(-1)?.totals).toEqual(detail.usage);
    expect(detail.usage.cost.usd).toBeGreaterThan(0);

    const tail = await ok<IdeatorSinceResult>('ideator.since', {
      sessionId: session.id,
      seq: sent.length - 2,
    });
    expect(tail.changes.map((c) => c.seq)).toEqual([sent.length - 1, sent.length]);
    const refused = await call('ideator.since', { sessionId: session.id, seq: -1 });
    expect(refused).toMatchObject({ error: { code: 'VALIDATION' } });
    const missing = await call('ideator.since', { sessionId: 'nope', seq: 0 });
    expect(missing).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
