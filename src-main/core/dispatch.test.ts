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

  it('turns a handler failure into INTERNAL without crashing', async () => {
    const c = core();
    const table = { ...c.handlers, 'settings.get': async () => Promise.reject(new Error('disk on fire')) };
    const reply = await dispatch(table, 'settings.get', {}, { transport: 'ipc' });
    expect(reply).toEqual({ error: { code: 'INTERNAL', message: 'disk on fire' } });
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
