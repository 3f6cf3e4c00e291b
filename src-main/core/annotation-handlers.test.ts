import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_FILE_NAME } from '../annotations/annotation-store.ts';
import type { AnnotationsChanged } from '../contract/annotations.ts';
import { channelCaller } from '../test-support/core-calls.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();

const note = (text: string) => ({
  methodId: 'llm-p',
  tags: ['pddl'],
  starred: true,
  note: text,
  solutionLinks: [{ id: 'sol-1', name: 'Graph RAG' }],
});

const userMethod = {
  id: 'user-1',
  userAdded: true as const,
  name: 'My planner',
  paperTitle: null,
  year: 2026,
  venue: null,
  link: null,
  code: null,
  categoryId: 'searching-based',
  subcategoryId: 'exploration-based',
  description: 'A method the survey missed',
  createdAt: 1,
};

async function withCores(count: number, run: (...cores: Core[]) => Promise<void>): Promise<void> {
  const dataDir = tempDir();
  const cores = Array.from({ length: count }, () => createCore({ env: { MOTIV_DATA_DIR: dataDir } }));
  try {
    await run(...cores);
  } finally {
    for (const core of cores) await core.close();
  }
}

describe('annotations.* in the data directory', () => {
  it('keeps annotations and user methods in the data dir across cores, and announces each change', async () => {
    const dataDir = tempDir();
    const first = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    const seen: AnnotationsChanged[] = [];
    first.events.subscribe((name, payload) => {
      if (name === 'annotations.changed') seen.push(payload as AnnotationsChanged);
    });
    const put = await dispatch(
      first.handlers,
      'annotations.put',
      { kind: 'annotation', baseRevision: 0, body: note('keep me') },
      { transport: 'http' },
    );
    expect(put).toMatchObject({ result: { kind: 'annotation', record: { note: 'keep me', revision: 1 } } });
    await dispatch(
      first.handlers,
      'annotations.put',
      { kind: 'userMethod', baseRevision: 0, body: userMethod },
      { transport: 'ipc' },
    );
    expect(seen.map((c) => [c.kind, c.id, c.record?.revision])).toEqual([
      ['annotation', 'llm-p', 1],
      ['userMethod', 'user-1', 1],
    ]);
    await first.close();

    const restarted = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    const list = await dispatch(restarted.handlers, 'annotations.list', {}, { transport: 'cli' });
    expect(list).toMatchObject({
      result: {
        annotations: [{ ...note('keep me'), revision: 1 }],
        userMethods: [{ ...userMethod, revision: 1 }],
      },
    });
    // Deleting the user method takes its annotation with it, and says so.
    await dispatch(
      restarted.handlers,
      'annotations.put',
      { kind: 'annotation', baseRevision: 0, body: { ...note('mine'), methodId: 'user-1' } },
      { transport: 'cli' },
    );
    expect(
      await dispatch(
        restarted.handlers,
        'annotations.delete',
        { kind: 'userMethod', id: 'user-1', baseRevision: 1 },
        { transport: 'cli' },
      ),
    ).toEqual({ result: { kind: 'userMethod', id: 'user-1' } });
    const after = await dispatch(restarted.handlers, 'annotations.list', {}, { transport: 'cli' });
    expect(after).toMatchObject({ result: { userMethods: [], annotations: [{ methodId: 'llm-p' }] } });
    await restarted.close();
  });

  it('two writers from the same revision: the second gets CONFLICT with the current row, and loses nothing', async () => {
    await withCores(2, async (tabA, tabB) => {
      const [callA, callB] = [channelCaller(tabA, 'http'), channelCaller(tabB, 'http')];
      await callA('annotations.put', { kind: 'annotation', baseRevision: 0, body: note('first') });
      // Both saw revision 1; A saves first (another process on the same data dir).
      const a = await callA('annotations.put', { kind: 'annotation', baseRevision: 1, body: note('from A') });
      expect(a).toMatchObject({ result: { record: { revision: 2 } } });
      const b = await callB('annotations.put', { kind: 'annotation', baseRevision: 1, body: note('from B') });
      expect(b).toMatchObject({
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining('llm-p') as string,
          details: { baseRevision: 1, current: { note: 'from A', revision: 2 } },
        },
      });
      // Creating what already exists is stale too, and so is deleting an old revision.
      expect(
        await callB('annotations.put', { kind: 'annotation', baseRevision: 0, body: note('new?') }),
      ).toMatchObject({ error: { code: 'CONFLICT' } });
      expect(
        await callB('annotations.delete', { kind: 'annotation', id: 'llm-p', baseRevision: 1 }),
      ).toMatchObject({ error: { code: 'CONFLICT' } });
      // B keeps its version after seeing A's: it saves from revision 2.
      expect(
        await callB('annotations.put', { kind: 'annotation', baseRevision: 2, body: note('from B') }),
      ).toMatchObject({ result: { record: { note: 'from B', revision: 3 } } });
    });
  });

  it('refuses a bomb with the field named and writes nothing', async () => {
    await withCores(1, async (core) => {
      const bomb = await dispatch(
        core.handlers,
        'annotations.put',
        {
          kind: 'annotation',
          baseRevision: 0,
          body: { ...note('x'), tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) },
        },
        { transport: 'http' },
      );
      expect(bomb).toMatchObject({
        error: { code: 'VALIDATION', details: { issues: [{ path: 'body.tags' }] } },
      });
      const huge = await dispatch(
        core.handlers,
        'annotations.put',
        { kind: 'annotation', baseRevision: 0, body: note('x'.repeat(200_000)) },
        { transport: 'http' },
      );
      expect(huge).toMatchObject({
        error: { code: 'VALIDATION', details: { issues: [{ path: 'body.note' }] } },
      });
      expect(await dispatch(core.handlers, 'annotations.list', {}, { transport: 'cli' })).toEqual({
        result: { annotations: [], userMethods: [] },
      });
    });
  });

  it('a row damaged on disk is named with its file, row and field, not served half-read', async () => {
    await withCores(1, async (core) => {
      await dispatch(
        core.handlers,
        'annotations.put',
        { kind: 'annotation', baseRevision: 0, body: note('fine') },
        { transport: 'cli' },
      );
      const file = join(core.dataDir, ANNOTATIONS_FILE_NAME);
      const raw = new BetterSqlite3(file);
      raw.prepare('UPDATE user_rows SET body = ?').run(JSON.stringify({ ...note('x'), starred: 'very' }));
      raw.close();
      const reply = await dispatch(core.handlers, 'annotations.list', {}, { transport: 'cli' });
      expect(reply).toMatchObject({
        error: {
          code: 'VALIDATION',
          message: expect.stringContaining(`${file}: annotation "llm-p": starred`) as string,
        },
      });
      // Saving over it (the user's "keep mine") repairs the row.
      await dispatch(
        core.handlers,
        'annotations.put',
        { kind: 'annotation', baseRevision: 1, body: note('repaired') },
        { transport: 'cli' },
      );
      expect(await dispatch(core.handlers, 'annotations.list', {}, { transport: 'cli' })).toMatchObject({
        result: { annotations: [{ note: 'repaired', revision: 2 }] },
      });
    });
  });
});
