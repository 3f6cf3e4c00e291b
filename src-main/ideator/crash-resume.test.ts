import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { startCrashChild } from '../test-support/crash-child.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { DEFAULT_CONFIG } from './session-config.ts';
import { ideatorHarness } from '../test-support/ideator-harness.ts';
import type { IdeatorHarness } from '../test-support/ideator-harness.ts';

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);
let h: IdeatorHarness | undefined;

const isMentor = (body: Record<string, unknown>) =>
  JSON.stringify(body.messages ?? '').includes('[role:mentor]');

describe('ideator crash recovery', () => {
  it('survives SIGKILL of the process running the session', async () => {
    const dir = tempDir();
    h = await startIdeatorHarness('resume', dir);
    const server = h.server;
    const child = startCrashChild(join(import.meta.dirname, 'test-crash-child.ts'), [dir, server.baseUrl]);
    await child.killWhen(() => server.requests.some((r) => isMentor(r.body)), 15_000);
    const { stdout, stderr } = child.output;
    expect(stderr).toBe('');
    const id = /SESSION (\S+)/.exec(stdout)?.[1] ?? '';
    const sentBeforeCrash = server.requests.length;

    expect(h.manager.get(id).session.status).toBe('interrupted');
    expect(h.manager.get(id).turns.map((t) => t.kind)).toEqual(['researcher', 'tool', 'researcher', 'idea']);
    h.manager.resume(id);
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const after = server.requests.slice(sentBeforeCrash);
    expect(after.map((r) => r.stepId)).toEqual(['mentor-clarity', 'answer', 'revise', 'mentor-accept']);
    expect(server.unusedSteps()).toEqual([]);
    // Ledger: the three calls the killed process completed, its in-flight one (recorded as started before it
    // was sent: outcome unknown, the provider saw it), plus four.
    expect(h.manager.get(id).usage).toMatchObject({ calls: 8, unknownCalls: 1 });
  });

  it('runs tool calls committed without results locally on resume, without asking the model again', async () => {
    h = await startIdeatorHarness('pending-tools', tempDir());
    const store = h.manager.store;
    const id = 'crashed-session';
    store.createSession(
      id,
      { ...DEFAULT_CONFIG, topic: 'LLM research ideation', ideas: 1, noMentor: true, seed: 7 },
      null,
    );
    const idea = store.createIdea('idea-1', id, 0, 'explore');
    store.appendTurn(id, {
      ideaId: idea.id,
      round: 0,
      kind: 'researcher',
      content: '',
      toolCalls: [{ id: 'call-1', name: 'node_search', arguments: '{"query":"novelty"}' }],
      toolCallId: null,
      toolName: null,
      meta: {},
    });
    const before = h.server.requests.length;
    h.manager.resume(id);
    expect(await h.manager.whenSettled(id)).toMatchObject({ status: 'completed', error: null });
    const turns = h.manager.get(id).turns;
    expect(turns.map((t) => t.kind)).toEqual(['researcher', 'tool', 'researcher', 'idea']);
    expect(turns[1]).toMatchObject({ toolCallId: 'call-1', meta: { ok: true } });
    expect(h.server.requests.slice(before).map((r) => r.stepId)).toEqual(['summary', 'draft']);
  });
});
