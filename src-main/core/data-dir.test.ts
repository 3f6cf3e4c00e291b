import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();
const modeOf = (path: string): number => statSync(path).mode & 0o777;

/** Every file and folder under `dir` with its mode. */
function modes(dir: string): Array<[string, number]> {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return [path.slice(dir.length + 1), modeOf(path)];
  });
}

describe('the data directory is private to its user', () => {
  it('is created 0700, and every file the core writes in it is 0600', async () => {
    const dataDir = join(tempDir(), 'fresh', 'data');
    const core = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    const ipc = { transport: 'ipc' } as const;
    await dispatch(core.handlers, 'settings.update', { profile: { displayName: 'Lin' } }, ipc);
    await dispatch(core.handlers, 'secrets.set', { name: 'neo4j.password', value: 'pw-12345' }, ipc);
    await dispatch(core.handlers, 'graph.stats', {}, ipc);
    await dispatch(core.handlers, 'mining.list', {}, ipc);
    await dispatch(core.handlers, 'ideator.list', {}, ipc);
    expect(modeOf(dataDir)).toBe(0o700);
    const all = modes(dataDir);
    expect(all.map(([name]) => name)).toEqual(
      expect.arrayContaining(['settings.json', 'secrets.json', 'graph.sqlite', 'mining.sqlite', 'logs']),
    );
    for (const [name, mode] of all) {
      const isDir = statSync(join(dataDir, name)).isDirectory();
      expect([name, mode.toString(8)]).toEqual([name, isDir ? '700' : '600']);
    }
    await core.close();
  });

  it('is tightened to 0700, with a log line, when it exists with wider bits', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    const core = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(readFileSync(core.logger.file, 'utf8')).toMatch(
      /readable by other users; tightened to 0700.*"was":"755"/,
    );
    await core.close();
  });
});
