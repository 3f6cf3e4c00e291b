import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { Reply } from '../contract/envelope.ts';
import type { EventName } from '../contract/events.ts';
import type { MiningEventPayload } from '../contract/mining.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { miningScenario, seedPapers } from '../mining/test-harness.ts';
import { waitFor } from '../ideator/test-harness.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/** The mining channels end to end in Node: dispatch → handlers → job runner → real client → scripted server. */

const tempDir = useTempDirs();
const open: { core?: Core; server?: ScriptedLlm } = {};
afterEach(async () => {
  await open.core?.close();
  await open.server?.stop();
  delete open.core;
  delete open.server;
});

async function setup(withEndpoint: boolean) {
  const dataDir = tempDir();
  const store = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
  await seedPapers(store, ['replay', 'generative']);
  await store.close();
  const env: NodeJS.ProcessEnv = { MOTIV_DATA_DIR: dataDir };
  if (withEndpoint) {
    open.server = await startScriptedLlm({ scenario: miningScenario('extract') });
    env['MOTIV_LLM_BASE_URL'] = open.server.baseUrl;
    env['MOTIV_LLM_MODEL'] = 'scripted-chat';
  }
  const core = createCore({ env });
  open.core = core;
  const events: MiningEventPayload[] = [];
  core.events.subscribe((name: EventName, payload) => {
    if (name === 'mining.event') events.push(payload as MiningEventPayload);
  });
  const call = (channel: string, payload: unknown): Promise<Reply<unknown>> =>
    dispatch(core.handlers, channel, payload, { transport: 'ipc' });
  return { events, call };
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

  it('refuses to start without an LLM endpoint, and validates the request', async () => {
    const { call } = await setup(false);
    expect(await call('mining.start', {})).toMatchObject({
      error: { code: 'LLM_CONFIG', details: { field: 'llm.baseUrl' } },
    });
    expect(await call('mining.start', { paperIds: [] })).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});
