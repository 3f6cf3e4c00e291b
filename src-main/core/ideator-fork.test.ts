import { describe, expect, it } from 'vitest';
import type { IdeatorSessionDetail } from '../contract/ideator.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { mentorlessDraft } from '../test-support/core-calls.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { openIdeatorCore, statusReached } from '../test-support/ideator-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * Issue 9 item 6, the core half: a fork is made only by `ideator.fork` (the UI calls it on Start), takes the
 * form's topic and guidance (the researcher answers the guidance first), and refuses bad input before writing.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

async function setup() {
  const { events, call, ok, server } = await openIdeatorCore(open, tempDir(), 'fork-form');
  const completed = (sessionId: string) => statusReached(events, sessionId, ['completed']);
  const { ideaId } = await mentorlessDraft<IdeatorSessionDetail>(ok, completed);
  return { call, ok, completed, ideaId, server };
}

describe('ideator.fork', () => {
  it('forks with the form topic and guidance; the researcher answers the guidance before any mentor call', async () => {
    const { ok, completed, ideaId, server } = await setup();
    const before = server.requests.length;
    const fork = await ok<{ id: string; topic: string }>('ideator.fork', {
      ideaId,
      version: 1,
      options: {
        noMentor: false,
        // The fixed cycle: this test is about the fork form; the scenario's mentor accepts in round 1.
        mentorPolicy: LEGACY_POLICY,
        topic: 'Cheaper LLM research ideation',
        guidance: 'Make the evaluation cheaper.',
      },
    });
    expect(fork.topic).toBe('Cheaper LLM research ideation');
    await completed(fork.id);
    expect(server.requests.slice(before).map((r) => r.stepId)).toEqual([
      'answer-guidance',
      'revise',
      'mentor-accept',
    ]);
    const detail = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: fork.id });
    expect(detail.turns.map((t) => t.kind)).toEqual([
      'note',
      'idea',
      'human',
      'researcher',
      'idea',
      'mentor',
    ]);
    expect(detail.turns[2]).toMatchObject({
      content: 'Make the evaluation cheaper.',
      meta: { forkGuidance: true },
    });
    expect(detail.ideas[0]).toMatchObject({ outcome: 'accepted', currentVersion: 2 });
  });

  it('refuses an oversized guidance and a missing version with a clear error, writing nothing', async () => {
    const { call, ok, ideaId, server } = await setup();
    const before = server.requests.length;
    const bomb = await call('ideator.fork', { ideaId, version: 1, options: { guidance: 'x'.repeat(4_001) } });
    expect(bomb).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(JSON.stringify(bomb)).toContain('options.guidance');
    const missing = await call('ideator.fork', { ideaId, version: 7 });
    expect(missing).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('no version 7') },
    });
    expect(await ok<unknown[]>('ideator.list', {})).toHaveLength(1);
    expect(server.requests.length).toBe(before);
  });
});
