import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();

function core(): ReturnType<typeof createCore> {
  return createCore({ env: { MOTIV_DATA_DIR: tempDir() } });
}

describe('dispatch over the handler table', () => {
  it('answers a known channel with { result }', async () => {
    const c = core();
    const reply = await dispatch(c.handlers, 'app.info', {}, { transport: 'cli' });
    expect(reply).toMatchObject({
      result: { name: 'MotivGraph Studio', transport: 'cli', store: 'embedded' },
    });
  });

  it('answers an unknown channel with a typed error, never a throw', async () => {
    const reply = await dispatch(core().handlers, 'graph.dropEverything', {}, { transport: 'http' });
    expect(reply).toEqual({
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "graph.dropEverything"' },
    });
  });

  it('parses the payload at the boundary and names the bad field', async () => {
    const reply = await dispatch(
      core().handlers,
      'settings.update',
      { ideation: { maxRounds: 'many' } },
      {
        transport: 'ipc',
      },
    );
    expect(reply).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'ideation.maxRounds' }] } },
    });
  });

  it('treats a missing payload as empty and refuses non-object payloads', async () => {
    const c = core();
    expect(await dispatch(c.handlers, 'settings.get', undefined, { transport: 'ipc' })).toHaveProperty(
      'result',
    );
    expect(await dispatch(c.handlers, 'settings.get', 'hello', { transport: 'ipc' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });

  it('turns a handler failure into INTERNAL with an id, logging the raw error and never replying with it', async () => {
    const dir = tempDir();
    const c = createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_LLM_API_KEY: 'sk-live-abcdef123456' } });
    const raw = `ENOENT: open '/home/alice/secret-project/graph.sqlite' (key sk-live-abcdef123456)`;
    const table = { ...c.handlers, 'settings.get': async () => Promise.reject(new Error(raw)) };
    const reply = await dispatch(table, 'settings.get', {}, { transport: 'ipc' }, c.logger);
    if (!('error' in reply)) throw new Error('expected an error reply');
    const errorId = (reply.error.details as { errorId?: string } | undefined)?.errorId ?? '';
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(reply).toEqual({
      error: {
        code: 'INTERNAL',
        message: `Internal error (id ${errorId}); see the log`,
        details: { errorId },
      },
    });
    expect(JSON.stringify(reply)).not.toMatch(/alice|secret-project|sk-live|ENOENT/);
    // The log has the raw message under the same id, with the key redacted.
    const entry = readFileSync(c.logger.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((e) => e['errorId'] === errorId);
    expect(entry).toMatchObject({ level: 'error', channel: 'settings.get' });
    expect(String(entry?.['error'])).toContain('/home/alice/secret-project/graph.sqlite');
    expect(readFileSync(c.logger.file, 'utf8')).not.toContain('sk-live-abcdef123456');
    await c.close();
  });

  it('emits settings.changed to subscribers after an update', async () => {
    const c = core();
    const seen: unknown[] = [];
    const unsubscribe = c.events.subscribe((name, payload) => seen.push([name, payload]));
    await dispatch(
      c.handlers,
      'settings.update',
      { profile: { displayName: 'Grace' } },
      { transport: 'ipc' },
    );
    unsubscribe();
    await dispatch(
      c.handlers,
      'settings.update',
      { profile: { displayName: 'Other' } },
      { transport: 'ipc' },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject(['settings.changed', { profile: { displayName: 'Grace' } }]);
  });
});
