import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { Reply } from '../contract/envelope.ts';
import type { EventName } from '../contract/events.ts';
import type { MiningEventPayload, MiningSinceResult } from '../contract/mining.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { miningScenario, seedPapersIn } from '../test-support/mining-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/**
 * Issue 11, events with a sequence number: a mining job's progress and status events are numbered per job and
 * stored, so `mining.since` replays exactly what a client missed (also after a restart of the app).
 */

const tempDir = useTempDirs();
const open = useOpenCore();

describe('mining.since', () => {
  it('numbers each job’s events 1, 2, 3… and replays them, also from a restarted core', async () => {
    const dataDir = tempDir();
    await seedPapersIn(dataDir, ['replay', 'generative']);
    open.server = await startScriptedLlm({ scenario: miningScenario('concurrent') });
    const env = { MOTIV_DATA_DIR: dataDir, MOTIV_LLM_BASE_URL: open.server.baseUrl, MOTIV_LLM_MODEL: 'm' };
    let core = createCore({ env });
    open.core = core;
    const events: MiningEventPayload[] = [];
    core.events.subscribe((name: EventName, payload) => {
      if (name === 'mining.event') events.push(payload as MiningEventPayload);
    });
    const call = (channel: string, payload: unknown): Promise<Reply<unknown>> =>
      dispatch(core.handlers, channel, payload, { transport: 'ipc' });
    const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
      const reply = await call(channel, payload);
      if ('error' in reply) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as T;
    };

    // Two jobs at once: each has its own numbering.
    const jobs = await Promise.all([
      ok<{ id: string }>('mining.start', {}),
      ok<{ id: string }>('mining.start', {}),
    ]);
    const ended = (id: string) =>
      events.some((e) => e.type === 'status' && e.jobId === id && e.status !== 'running');
    await waitFor(() => jobs.every((j) => ended(j.id)), 20_000);
    for (const { id } of jobs) {
      const sent = events.filter((e) => e.type !== 'hierarchy' && e.jobId === id);
      expect(sent.map((e) => ('seq' in e ? e.seq : 0))).toEqual(sent.map((_, i) => i + 1));
      expect(await ok<MiningSinceResult>('mining.since', { jobId: id, seq: 0 })).toEqual({
        seq: sent.length,
        events: sent,
      });
      const listed = await ok<Array<{ id: string; seq: number }>>('mining.list', {});
      expect(listed.find((j) => j.id === id)?.seq).toBe(sent.length);
      // One job read alone is the same record (a client that hears of a new job reads only that one).
      expect(await ok('mining.job', { jobId: id })).toEqual(listed.find((j) => j.id === id));
    }

    await core.close();
    core = createCore({ env });
    open.core = core;
    const [first] = jobs;
    const again = await ok<MiningSinceResult>('mining.since', { jobId: first?.id, seq: 1 });
    expect(again.events.map((e) => e.seq)).toEqual(Array.from({ length: again.seq - 1 }, (_, i) => i + 2));
    expect(await call('mining.since', { jobId: 'nope', seq: 0 })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('mining.since', { jobId: first?.id, seq: -1 })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });
});
