import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IdeatorSessionDetail } from '../contract/ideator.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { openIdeatorCore } from '../test-support/ideator-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * Issue 9 item 9: a failed session records its cause and the step it stopped at, and motiv.log gets an error
 * line with the cause and a stack (never the key). Real core, real `openai` client, the scripted server's 401.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

const KEY = 'sk-test-refused-key-0123456789';

describe('a failed ideation session', () => {
  it('keeps its cause and failure point, logs error with stack and no secret, and Resume retries that round', async () => {
    const dataDir = tempDir();
    const { server, events, ok } = await openIdeatorCore(open, dataDir, 'auth-fail', {
      MOTIV_LLM_API_KEY: KEY,
    });
    const statuses = (): string[] => events.flatMap((e) => (e.type === 'status' ? [e.status] : []));

    // The fixed cycle: this test is about a failed step, and its scenario's mentor accepts early.
    const session = await ok<{ id: string }>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
      mentorPolicy: LEGACY_POLICY,
    });
    await waitFor(() => statuses().includes('failed'), 10_000);
    const failed = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: session.id });
    expect(failed.session.status).toBe('failed');
    expect(failed.session.error).toMatchObject({
      code: 'LLM_UNAUTHORIZED',
      message: expect.stringContaining('rejected the API key (HTTP 401)'),
      at: { idea: 0, round: 1, phase: 'mentor' },
    });
    expect(JSON.stringify(failed)).not.toContain(KEY);

    const lines = readFileSync(join(dataDir, 'logs', 'motiv.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const failure = lines.find((l) => l['message'] === 'ideation session failed');
    expect(failure).toMatchObject({
      level: 'error',
      sessionId: session.id,
      at: { idea: 0, round: 1, phase: 'mentor' },
      error: { code: 'LLM_UNAUTHORIZED', details: { status: 401 } },
    });
    const error = failure?.['error'] as { stack: string; cause?: { message: string } };
    expect(error.stack).toMatch(/\n\s+at /);
    expect(readFileSync(join(dataDir, 'logs', 'motiv.log'), 'utf8')).not.toContain(KEY);

    // Resume retries the failed mentor round, not the paid-for draft.
    const before = server.requests.length;
    await ok('ideator.resume', { sessionId: session.id });
    await waitFor(() => statuses().at(-1) === 'completed', 10_000);
    expect(server.requests.slice(before).map((r) => r.stepId)).toEqual(['mentor-accept']);
    const done = await ok<IdeatorSessionDetail>('ideator.get', { sessionId: session.id });
    expect(done.session.error).toBeNull();
  });
});
