import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedLlm, type ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { DoctorReport } from '../contract/doctor.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();
const KEY = 'sk-live-bound-key-0123456789abcdef';
const servers: ScriptedLlm[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function endpoint(): Promise<ScriptedLlm> {
  const server = await startScriptedLlm({ scenario: { name: 'models', models: ['m'], steps: [] } });
  servers.push(server);
  return server;
}

const ipc = { transport: 'ipc' } as const;
const sawKey = (server: ScriptedLlm): boolean =>
  server.requests.some((r) => String(r.headers.authorization ?? '').includes(KEY));

async function pointAt(core: Core, baseUrl: string): Promise<void> {
  const reply = await dispatch(core.handlers, 'settings.update', { llm: { baseUrl } }, ipc);
  expect(reply).toHaveProperty('result');
}

describe('the stored LLM key is bound to the endpoint it was confirmed for', () => {
  it('is not sent to a new endpoint until the user confirms it', async () => {
    const trusted = await endpoint();
    const other = await endpoint();
    const core = createCore({ env: { MOTIV_DATA_DIR: tempDir() } });
    await pointAt(core, trusted.baseUrl);
    await dispatch(core.handlers, 'secrets.set', { name: 'llm.apiKey', value: KEY }, ipc);
    expect(await dispatch(core.handlers, 'llm.test', {}, ipc)).toMatchObject({ result: { ok: true } });
    expect(sawKey(trusted)).toBe(true);

    // Someone who can change one setting points the endpoint at their own service.
    await pointAt(core, other.baseUrl);
    const otherOrigin = new URL(other.baseUrl).origin;
    for (const [channel, payload] of [
      ['llm.test', {}],
      ['ideator.start', { topic: 'graph ideas' }],
      ['mining.start', {}],
    ] as const) {
      const reply = await dispatch(core.handlers, channel, payload, ipc);
      expect(reply).toMatchObject({
        error: { code: 'KEY_ENDPOINT_UNCONFIRMED', details: { endpoint: otherOrigin } },
      });
      expect(JSON.stringify(reply)).not.toContain(KEY);
    }
    // Doctor probes the endpoint the agents would use, with the key they may send: here none, and it says why.
    const doctor = await dispatch(core.handlers, 'doctor.run', {}, ipc);
    if (!('result' in doctor)) throw new Error('doctor failed');
    const report = doctor.result as DoctorReport;
    expect(report.checks.find((c) => c.name === 'LLM endpoint')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('not sent there until you confirm it'),
    });
    expect(report.config.find((e) => e.key === 'llm.apiKey')).toMatchObject({
      value: 'set',
      source: 'secret store',
    });
    expect(sawKey(other)).toBe(false);
    const status = await dispatch(core.handlers, 'secrets.status', {}, ipc);
    expect(status).toMatchObject({
      result: {
        entries: [
          { endpoint: { current: otherOrigin, confirmed: new URL(trusted.baseUrl).origin, ok: false } },
          {},
        ],
      },
    });

    // A confirmation for another endpoint than the one in use (a change in between) is refused.
    const stale = await dispatch(
      core.handlers,
      'secrets.confirmEndpoint',
      { name: 'llm.apiKey', origin: new URL(trusted.baseUrl).origin },
      ipc,
    );
    expect(stale).toMatchObject({ error: { code: 'CONFLICT' } });
    const confirmed = await dispatch(
      core.handlers,
      'secrets.confirmEndpoint',
      { name: 'llm.apiKey', origin: otherOrigin },
      ipc,
    );
    expect(confirmed).toMatchObject({
      result: { entries: [{ endpoint: { ok: true } }, { endpoint: null }] },
    });
    expect(await dispatch(core.handlers, 'llm.test', {}, ipc)).toMatchObject({ result: { ok: true } });
    expect(sawKey(other)).toBe(true);
    await core.close();
  });

  it('keeps the binding across restarts and through MOTIV_LLM_BASE_URL', async () => {
    const trusted = await endpoint();
    const other = await endpoint();
    const dataDir = tempDir();
    const first = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    await pointAt(first, trusted.baseUrl);
    await dispatch(first.handlers, 'secrets.set', { name: 'llm.apiKey', value: KEY }, ipc);
    await first.close();
    const redirected = createCore({ env: { MOTIV_DATA_DIR: dataDir, MOTIV_LLM_BASE_URL: other.baseUrl } });
    expect(await dispatch(redirected.handlers, 'llm.test', {}, ipc)).toMatchObject({
      error: { code: 'KEY_ENDPOINT_UNCONFIRMED' },
    });
    expect(sawKey(other)).toBe(false);
    await redirected.close();
  });

  it('treats an environment key with its environment endpoint as confirmed', async () => {
    const server = await endpoint();
    const core = createCore({
      env: { MOTIV_DATA_DIR: tempDir(), MOTIV_LLM_BASE_URL: server.baseUrl, MOTIV_LLM_API_KEY: KEY },
    });
    expect(await dispatch(core.handlers, 'llm.test', {}, ipc)).toMatchObject({ result: { ok: true } });
    expect(sawKey(server)).toBe(true);
    await core.close();
  });

  it('refuses a key stored without any endpoint record (older stores) until confirmed', async () => {
    const server = await endpoint();
    const core = createCore({ env: { MOTIV_DATA_DIR: tempDir() } });
    await pointAt(core, server.baseUrl);
    core.secrets.set('llm.apiKey', KEY);
    expect(await dispatch(core.handlers, 'llm.test', {}, ipc)).toMatchObject({
      error: { code: 'KEY_ENDPOINT_UNCONFIRMED', details: { confirmed: null } },
    });
    expect(sawKey(server)).toBe(false);
    await core.close();
  });
});
