import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { ideatorHarness, waitFor } from '../test-support/ideator-harness.ts';
import type { IdeatorHarness } from '../test-support/ideator-harness.ts';
import { LEGACY_POLICY } from './mentor-policy.ts';

/**
 * Issue 10 item 14: a session whose owner crashed on another host (where no pid can be checked) is locked only
 * until its lease expires. The owner is a real child process on the same data dir playing "host-a"; this test
 * process plays "host-b". Lease 1.5 s so the test is fast.
 */

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);
let h: IdeatorHarness | undefined;

const LEASE_MS = 1_500;
const isMentor = (body: Record<string, unknown>) =>
  JSON.stringify(body.messages ?? '').includes('[role:mentor]');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ideator ownership lease', () => {
  it('respects a live lease renewed by heartbeat, refuses before expiry after kill -9, takes over after', async () => {
    const dir = tempDir();
    h = await startIdeatorHarness('resume', dir, { lease: { ms: LEASE_MS, host: 'host-b' } });
    const server = h.server;
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, 'test-crash-child.ts'), dir, server.baseUrl, String(LEASE_MS), 'host-a'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let id = '';
    try {
      // The child is in its mentor call, held 10 s by the scenario.
      await waitFor(() => server.requests.some((r) => isMentor(r.body)) || child.exitCode !== null, 15_000);
      id = /SESSION (\S+)/.exec(stdout)?.[1] ?? '';
      // Two lease durations later the heartbeat has kept the lease live: the other host must not take over.
      await sleep(LEASE_MS * 2);
      expect(child.exitCode).toBeNull();
      expect(h.manager.get(id).session.status).toBe('running');
      expect(() => h?.manager.resume(id)).toThrow(/running in another process \(pid \d+ on host-a\)/);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const killedAt = Date.now();
    // Right after the crash the lease is still unexpired: another host cannot know the owner died.
    expect(h.manager.get(id).session.status).toBe('running');
    expect(() => h?.manager.resume(id)).toThrow(/CONFLICT|another process/);
    const owner = h.manager.store.owner(id);
    expect(owner?.host).toBe('host-a');
    expect(owner?.expiresAt).toBeGreaterThan(killedAt);

    // Once it expires the session is interrupted and this host resumes it from the last committed turn.
    await waitFor(() => Date.now() > (owner?.expiresAt ?? 0), LEASE_MS * 2);
    expect(h.manager.get(id).session.status).toBe('interrupted');
    const sentBefore = server.requests.length;
    h.manager.resume(id);
    expect(h.manager.store.owner(id)?.host).toBe('host-b');
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    expect(server.requests.slice(sentBefore).map((r) => r.stepId)).toEqual([
      'mentor-clarity',
      'answer',
      'revise',
      'mentor-accept',
    ]);
    // Finished: the lease is released, not left to expire.
    expect(h.manager.store.owner(id)).toBeNull();
  }, 30_000);

  it('a run whose lease another process took over stops without touching the session', async () => {
    const dir = tempDir();
    h = await startIdeatorHarness('resume', dir, { lease: { ms: 300, host: 'host-b' } });
    const server = h.server;
    // The fixed cycle: this test is about the lease; the scenario's mentor accepts in round 2.
    const session = h.manager.start({
      topic: 'LLM research ideation',
      ideas: 1,
      maxRounds: 3,
      mentorPolicy: LEGACY_POLICY,
    });
    await waitFor(() => server.requests.some((r) => isMentor(r.body)), 10_000);
    // Another host claims the session, as it would after this one stalled past its lease.
    const stranger = { pid: 1, host: 'host-c', token: 'their-token', expiresAt: Date.now() + 60_000 };
    h.manager.store.setOwner(session.id, stranger);
    const settled = await h.manager.whenSettled(session.id);
    expect(settled.status).toBe('running');
    expect(h.manager.store.owner(session.id)).toEqual(stranger);
    expect(() => h?.manager.resume(session.id)).toThrow(/host-c/);
  }, 20_000);
});
