import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../contract/events.ts';
import type {
  IdeatorEventPayload,
  IdeatorSessionDetail,
  IdeatorSessionRecord,
  IdeatorSinceResult,
} from '../contract/ideator.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { scenarioFile, seedGraph, waitFor } from '../test-support/ideator-harness.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/**
 * `ideator.since` over dispatch: the changes a client missed, as the events carried them (usage with the
 * session's priced running totals), and the running totals agree with a whole-ledger read (`ideator.get`).
 */

const tempDir = useTempDirs();
const open: { core?: Core; server?: ScriptedLlm } = {};
afterEach(async () => {
  await open.core?.close();
  await open.server?.stop();
  delete open.core;
  delete open.server;
});

describe('ideator.since', () => {
  it('replays what the events said, usage priced with running totals equal to the whole ledger', async () => {
    const dataDir = tempDir();
    await (await seedGraph(join(dataDir, 'graph.sqlite'))).close();
    open.server = await startScriptedLlm({ scenario: scenarioFile('accept') });
    const core = createCore({
      env: {
        MOTIV_DATA_DIR: dataDir,
        MOTIV_LLM_BASE_URL: open.server.baseUrl,
        MOTIV_LLM_MODEL: 'gpt-4o-mini',
      },
    });
    open.core = core;
    const events: IdeatorEventPayload[] = [];
    core.events.subscribe((name: EventName, payload) => {
      if (name === 'ideator.event') events.push(payload as IdeatorEventPayload);
    });
    const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
      const reply = await dispatch(core.handlers, channel, payload, { transport: 'ipc' });
      if ('error' in reply) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as T;
    };

    const session = await ok<IdeatorSessionRecord>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
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
    const refused = await dispatch(
      core.handlers,
      'ideator.since',
      { sessionId: session.id, seq: -1 },
      {
        transport: 'ipc',
      },
    );
    expect(refused).toMatchObject({ error: { code: 'VALIDATION' } });
    const missing = await dispatch(
      core.handlers,
      'ideator.since',
      { sessionId: 'nope', seq: 0 },
      {
        transport: 'ipc',
      },
    );
    expect(missing).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
