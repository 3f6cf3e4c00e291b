import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { MiningEventPayload } from '../contract/mining.ts';
import { miningScenario, seedPapersIn } from '../test-support/mining-harness.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { channelCaller, recordEvents } from '../test-support/core-calls.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';

/** The mining channels end to end in Node: dispatch → handlers → job runner → real client → scripted server. */

const tempDir = useTempDirs();
const open = useOpenCore();

async function setup(withEndpoint: boolean, scenario = 'extract') {
  const dataDir = tempDir();
  await seedPapersIn(dataDir, ['replay', 'generative']);
  const env: NodeJS.ProcessEnv = { MOTIV_DATA_DIR: dataDir };
  if (withEndpoint) {
    open.server = await startScriptedLlm({ scenario: miningScenario(scenario) });
    env['MOTIV_LLM_BASE_URL'] = open.server.baseUrl;
    env['MOTIV_LLM_MODEL'] = 'scripted-chat';
  }
  const core = createCore({ env });
  open.core = core;
  return { events: recordEvents<MiningEventPayload>(core, 'mining.event'), call: channelCaller(core) };
}

describe('mining channels', () => {
  it('runs a job in the background and streams progress and status events', async () => {
    const { events, call } = await setup(true);
    const started = await call('mining.start', {});
    expect(started).toMatchObject({ result: { status: 'running', papers: { total: 2 }, live: true } });
    const jobId = 'result' in started ? (started.result as { id: string }).id : '';
    await waitFor(() => events.some((e) => e.type === 'status' && e.status === 'completed'));

    const progress = events.filter((e) => e.type === 'progress' && e.phase === 'extracting');
    expect(progress.map((e) => (e.type === 'progress' ? `${e.done}/${e.total}` : ''))).toEqual([
      '1/2',
      '2/2',
    ]);
    expect(await call('mining.list', {})).toMatchObject({
      result: [{ id: jobId, status: 'completed', papers: { done: 2, pending: 0 }, live: false }],
    });
    expect(await call('mining.cancel', { jobId })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call('mining.resume', { jobId })).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('mines each paper once when mining.start arrives twice (a double click)', async () => {
    const { events, call } = await setup(true, 'concurrent');
    const [first, second] = await Promise.all([call('mining.start', {}), call('mining.start', {})]);
    const ids = [first, second].map((r) => ('result' in r ? (r.result as { id: string }).id : ''));
    expect(ids.every(Boolean) && ids[0] !== ids[1]).toBe(true);
    await waitFor(
      () =>
        ids.every((id) =>
          events.some((e) => e.type === 'status' && e.jobId === id && e.status !== 'running'),
        ),
      20_000,
    );
    const server = open.server;
    // Each paper's answer is given once and takes 1.5 s: a paper asked for twice would get a 400 and fail.
    expect(server?.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(2);
    expect(server?.unusedSteps()).toEqual([]);
    const reports = await Promise.all(ids.map((jobId) => call('mining.report', { jobId })));
    const papers = reports.map((r) =>
      'result' in r ? (r.result as { papers: Record<string, number> }).papers : {},
    );
    expect(papers.reduce((n, p) => n + (p['done'] ?? 0), 0)).toBe(2);
    // The second job left the first one's papers to it (or skipped them once claimed): none twice.
    expect(papers.reduce((n, p) => n + (p['done'] ?? 0) + (p['skipped'] ?? 0), 0)).toBe(
      papers.reduce((n, p) => n + (p['total'] ?? 0), 0),
    );
    expect(papers.reduce((n, p) => n + (p['failed'] ?? 0), 0)).toBe(0);
    const calls = reports.map((r) =>
      'result' in r ? (r.result as { usage: { calls: number } }).usage.calls : 0,
    );
    expect(calls[0]! + calls[1]!).toBe(2);
  });

  it('refuses to start without an LLM endpoint, and validates the request', async () => {
    const { call } = await setup(false);
    expect(await call('mining.start', {})).toMatchObject({
      error: { code: 'LLM_NOT_CONFIGURED', details: { field: 'llm.baseUrl' } },
    });
    expect(await call('mining.start', { paperIds: [] })).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});
