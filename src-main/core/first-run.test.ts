import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../contract/channels.ts';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();

async function firstRun(env: NodeJS.ProcessEnv): Promise<unknown> {
  const core = createCore({ env });
  const reply = await dispatch(core.handlers, 'app.info', {}, { transport: 'http' });
  return 'result' in reply ? (reply.result as AppInfo).firstRun : reply;
}

describe('app.info firstRun', () => {
  it('greets a fresh data dir until the welcome is done, in every window (settings, not the page)', async () => {
    const env = { MOTIV_DATA_DIR: tempDir() };
    expect(await firstRun(env)).toBe(true);
    const other = createCore({ env });
    await dispatch(
      other.handlers,
      'settings.update',
      { onboarding: { welcomeDone: true } },
      { transport: 'ipc' },
    );
    expect(await firstRun(env)).toBe(false);
  });

  it('does not greet a data dir whose settings were saved before the welcome existed (an upgrade)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, revision: 4 }));
    expect(await firstRun({ MOTIV_DATA_DIR: dir })).toBe(false);
  });

  it('MOTIV_WELCOME=off never shows it', async () => {
    expect(await firstRun({ MOTIV_DATA_DIR: tempDir(), MOTIV_WELCOME: 'off' })).toBe(false);
  });
});
