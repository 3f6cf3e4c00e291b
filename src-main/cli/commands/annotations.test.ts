import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../core/create-core.ts';
import { dispatch } from '../../core/dispatch.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';

const tempDir = useTempDirs();

const body = {
  methodId: 'llm-p',
  tags: ['pddl'],
  starred: true,
  note: 'backed up',
  solutionLinks: [],
};

describe('motiv annotations dump / restore', () => {
  it('a dump of one data dir restores into another, over rows that already exist there', async () => {
    const source = tempDir();
    const core = createCore({ env: { MOTIV_DATA_DIR: source } });
    await dispatch(
      core.handlers,
      'annotations.put',
      { kind: 'annotation', baseRevision: 0, body },
      { transport: 'cli' },
    );
    await core.close();
    const file = join(tempDir(), 'annotations.json');
    expect(await main(['annotations', 'dump', '--out', file], bufferIo({ MOTIV_DATA_DIR: source }))).toBe(0);

    const target = tempDir();
    const other = createCore({ env: { MOTIV_DATA_DIR: target } });
    await dispatch(
      other.handlers,
      'annotations.put',
      { kind: 'annotation', baseRevision: 0, body: { ...body, note: 'older' } },
      { transport: 'cli' },
    );
    await other.close();
    const io = bufferIo({ MOTIV_DATA_DIR: target });
    expect(await main(['annotations', 'restore', file], io)).toBe(0);
    expect(io.stdout()).toContain('restored 1 annotations and 0 methods');

    const dumped = bufferIo({ MOTIV_DATA_DIR: target });
    expect(await main(['annotations', 'dump'], dumped)).toBe(0);
    expect(JSON.parse(dumped.stdout())).toMatchObject({ annotations: [{ note: 'backed up', revision: 2 }] });
  });

  it('refuses a bad file with the file and field named, and writes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        annotations: [
          { ...body, revision: 1, updatedAt: 1 },
          { ...body, starred: 'yes' },
        ],
        userMethods: [],
      }),
    );
    const io = bufferIo({ MOTIV_DATA_DIR: dir });
    expect(await main(['annotations', 'restore', file], io)).toBe(1);
    expect(io.stderr()).toContain(file);
    expect(io.stderr()).toContain('annotations.1');
    const dumped = bufferIo({ MOTIV_DATA_DIR: dir });
    await main(['annotations', 'dump'], dumped);
    expect(JSON.parse(dumped.stdout())).toEqual({ annotations: [], userMethods: [] });
    expect(readFileSync(file, 'utf8')).toContain('yes');
  });
});
