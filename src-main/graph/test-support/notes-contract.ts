import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { NOTE_MAX_BYTES, type NodeNote } from '../notes/node-note.ts';
import type { NodeNotes } from '../notes/node-notes.ts';

/** Two writers on one notes store (two processes on one data directory, or two lab members on one Neo4j). */
export interface NotesWriters {
  a: NodeNotes;
  b: NodeNotes;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

/**
 * The notes contract: the embedded driver (node-notes.sqlite) and the Neo4j driver run these same tests.
 * `makeWriters` returns two handles on one EMPTY store for each test.
 */
export function describeNotesContract(
  name: string,
  makeWriters: () => Promise<NotesWriters>,
  cleanup?: () => Promise<void>,
): void {
  describe(`node notes contract: ${name}`, () => {
    let writers: NotesWriters | undefined;
    const w = (): NotesWriters => {
      if (!writers) throw new Error('writers not created');
      return writers;
    };
    // The teardown beforeEach hands back runs after each test: both handles closed, then the caller's cleanup.
    beforeEach(async () => {
      const opened = await makeWriters();
      writers = opened;
      return async () => {
        writers = undefined;
        await Promise.all([opened.a.close(), opened.b.close()]);
        await cleanup?.();
      };
    });

    it('saves revisions with who and when, keeps every revision, and shows one writer’s note to the other', async () => {
      const { a, b } = w();
      expect(await a.get('n1')).toBeNull();
      const first = await a.save({ nodeId: 'n1', expectedRevision: 0, text: '# Why\nIt *matters*.' }, 'ana');
      expect(first).toMatchObject({
        nodeId: 'n1',
        revision: 1,
        updatedBy: 'ana',
        text: '# Why\nIt *matters*.',
      });
      expect(Date.parse(first.updatedAt)).not.toBeNaN();
      expect(await b.get('n1')).toEqual(first);
      const second = await b.save({ nodeId: 'n1', expectedRevision: 1, text: 'ben was here' }, 'ben');
      expect(second).toMatchObject({ revision: 2, updatedBy: 'ben' });
      expect(await a.get('n1')).toEqual(second);
      await a.save({ nodeId: 'n1', expectedRevision: 2, text: 'ben was here' }, 'ana');
      expect((await a.history('n1')).map((n) => [n.revision, n.updatedBy, n.text])).toEqual([
        [3, 'ana', 'ben was here'],
        [2, 'ben', 'ben was here'],
        [1, 'ana', '# Why\nIt *matters*.'],
      ]);
    });

    it('refuses a save over a newer revision with CONFLICT carrying the stored note, and changes nothing', async () => {
      const { a, b } = w();
      await a.save({ nodeId: 'n1', expectedRevision: 0, text: 'first' }, 'ana');
      const stored = await b.save({ nodeId: 'n1', expectedRevision: 1, text: 'theirs' }, 'ben');
      const err = await refusal(a.save({ nodeId: 'n1', expectedRevision: 1, text: 'mine' }, 'ana'));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain('ben');
      expect(err.details).toMatchObject({ field: 'expectedRevision', current: stored });
      expect(await a.get('n1')).toEqual(stored);
      const fresh = await refusal(b.save({ nodeId: 'n9', expectedRevision: 3, text: 'x' }, 'ben'));
      expect(fresh.code).toBe('CONFLICT');
      expect(await a.get('n9')).toBeNull();
    });

    it('lets exactly one of two writers starting from the same revision win; the other gets CONFLICT', async () => {
      const { a, b } = w();
      for (const start of [0, 1]) {
        const results = await Promise.allSettled([
          a.save({ nodeId: 'race', expectedRevision: start, text: `ana ${start}` }, 'ana'),
          b.save({ nodeId: 'race', expectedRevision: start, text: `ben ${start}` }, 'ben'),
        ]);
        const won = results.filter((r): r is PromiseFulfilledResult<NodeNote> => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.map((r) => (r.reason as AppError).code)).toEqual(['CONFLICT']);
        expect(await b.get('race')).toEqual(won[0]?.value);
      }
      expect((await a.history('race')).map((n) => n.revision)).toEqual([2, 1]);
    });

    it('refuses a note over the limit without writing, and keeps hostile text verbatim', async () => {
      const { a } = w();
      const bomb = 'x'.repeat(1024 * 1024);
      const err = await refusal(a.save({ nodeId: 'n1', expectedRevision: 0, text: bomb }, 'ana'));
      expect(err).toMatchObject({ code: 'VALIDATION', details: { field: 'text' } });
      expect(await a.get('n1')).toBeNull();
      const limit = 'é'.repeat(NOTE_MAX_BYTES / 2);
      expect((await a.save({ nodeId: 'n1', expectedRevision: 0, text: limit }, 'ana')).text).toBe(limit);
      const hostile =
        '<script>alert(1)</script> [x](javascript:alert(1)) \u0000 $nodeId }) DETACH DELETE n //';
      await a.save({ nodeId: 'n2', expectedRevision: 0, text: hostile }, 'ana');
      expect((await a.get('n2'))?.text).toBe(hostile);
    });

    it('drops a deleted node’s note and appends the dropped nodes’ notes to the survivor of a merge', async () => {
      const { a, b } = w();
      await a.save({ nodeId: 'gone', expectedRevision: 0, text: 'bye' }, 'ana');
      await b.removeFor(['gone']);
      expect(await a.get('gone')).toBeNull();
      expect(await a.history('gone')).toEqual([]);

      await a.save({ nodeId: 'keep', expectedRevision: 0, text: 'keeper note' }, 'ana');
      await b.save({ nodeId: 'drop1', expectedRevision: 0, text: 'dropped note' }, 'ben');
      const merged = await b.merge(
        'keep',
        [
          { id: 'drop1', name: 'Old name' },
          { id: 'drop2', name: 'No note' },
        ],
        'ben',
      );
      expect(merged).toMatchObject({ revision: 2, updatedBy: 'ben' });
      expect(merged?.text.startsWith('keeper note')).toBe(true);
      expect(merged?.text).toContain('Merged from "Old name"');
      expect(merged?.text).toContain('dropped note');
      expect(merged?.text).not.toContain('No note');
      expect(await a.get('keep')).toEqual(merged);
      expect(await a.get('drop1')).toBeNull();
      expect(await a.merge('keep', [{ id: 'drop3', name: 'none' }], 'ana')).toBeNull();
      expect((await a.get('keep'))?.revision).toBe(2);
    });

    it('undoes a delete’s and a merge’s notes, never over a note another writer saved since', async () => {
      const { a, b } = w();
      const keep = await a.save({ nodeId: 'k', expectedRevision: 0, text: 'keeper' }, 'ana');
      const drop = await a.save({ nodeId: 'd', expectedRevision: 0, text: 'dropped' }, 'ana');
      const after = await a.merge('k', [{ id: 'd', name: 'D' }], 'ana');
      if (!after) throw new Error('the dropped note moves to the survivor');
      const record = { keep: { before: keep, after }, drops: [drop] };
      expect(await b.unmerge(record, 'ben')).toBe('restored');
      expect(await a.get('d')).toEqual(drop);
      expect(await a.get('k')).toMatchObject({ text: 'keeper', revision: 3, updatedBy: 'ben' });
      // A note for the same id written meanwhile is not overwritten by a restore.
      expect((await refusal(b.restore(drop))).code).toBe('CONFLICT');

      // A survivor's note saved since the merge is kept as it is.
      await b.save({ nodeId: 'k', expectedRevision: 3, text: 'ben’s own' }, 'ben');
      const merged = { ...record, drops: [] };
      expect(await a.unmerge(merged, 'ana')).toBe('kept-changed');
      expect(await b.get('k')).toMatchObject({ text: 'ben’s own', revision: 4, updatedBy: 'ben' });
    });

    it('lists every note and puts notes back as they were, replacing or over the same nodes', async () => {
      const { a, b } = w();
      await a.save({ nodeId: 'n1', expectedRevision: 0, text: 'one' }, 'ana');
      await a.save({ nodeId: 'n2', expectedRevision: 0, text: 'two' }, 'ana');
      const carried: NodeNote = {
        nodeId: 'n3',
        text: 'from a dump',
        revision: 4,
        updatedBy: 'cy',
        updatedAt: '2026-01-02T03:04:05.000Z',
      };
      await b.put([carried], false);
      expect((await a.all()).map((n) => n.nodeId)).toEqual(['n1', 'n2', 'n3']);
      expect(await a.get('n3')).toEqual(carried);
      await b.put([carried], true);
      expect(await a.all()).toEqual([carried]);
      expect(await a.history('n1')).toEqual([]);
      const next = await a.save({ nodeId: 'n3', expectedRevision: 4, text: 'edited' }, 'ana');
      expect(next.revision).toBe(5);
    });
  });
}
