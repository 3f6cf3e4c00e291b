import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY_UNDO_WINDOW_MS } from '../contract/library.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { LibraryStore } from './library-store.ts';

const tempDir = useTempDirs();
const stores: LibraryStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});
const open = (dir: string): LibraryStore => {
  const store = new LibraryStore(dir);
  stores.push(store);
  return store;
};

const item = (id: string, fingerprint: string, source = 'mine') => ({
  id,
  source,
  fingerprint,
  title: `title of ${id}`,
  abstract: '',
  note: '',
});

describe('LibraryStore', () => {
  it('lets only one of two writers (two connections) save from the same revision', () => {
    const dir = tempDir();
    const [a, b] = [open(dir), open(dir)] as const;
    expect(a.write('i1', 0, { note: 'a' }).revision).toBe(1);
    const err = thrownAppError(() => b.write('i1', 0, { note: 'b' }));
    expect(err).toMatchObject({ code: 'CONFLICT', details: { current: { note: 'a', revision: 1 } } });
    expect(b.write('i1', 1, { note: 'b' })).toMatchObject({ note: 'b', revision: 2 });
    expect(a.meta('i1').note).toBe('b');
  });

  it('brings a deletion back within the undo window and never after it', () => {
    const store = open(tempDir());
    const deletedAt = Date.now();
    store.write('i1', undefined, { archived: true });
    store.write('i1', undefined, { deletedAt });
    expect(store.undelete('i1', deletedAt + LIBRARY_UNDO_WINDOW_MS - 1)).toMatchObject({ deletedAt: null });
    store.write('i1', undefined, { deletedAt });
    const late = thrownAppError(() => store.undelete('i1', deletedAt + LIBRARY_UNDO_WINDOW_MS + 1));
    expect(late).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('for good') });
    expect(store.meta('i1').deletedAt).toBe(deletedAt);
  });

  it('numbers catalogue changes, keeps what an unreadable source listed, and indexes what changed', () => {
    const store = open(tempDir());
    const first = store.reconcile([item('a', '1'), item('lab-x', '1', 'lab')], new Set());
    expect(first.changedIds).toEqual(['a', 'lab-x']);
    expect(store.reconcile([item('a', '1'), item('lab-x', '1', 'lab')], new Set()).changedIds).toEqual([]);
    // The lab could not be read: its entry is not taken as gone.
    const down = store.reconcile([item('a', '2')], new Set(['lab']));
    expect(down.changedIds).toEqual(['a']);
    expect(store.changesAfter(first.seq)).toEqual({ changed: new Set(['a']), removed: [] });
    const gone = store.reconcile([item('a', '2')], new Set());
    expect(store.changesAfter(down.seq)).toEqual({ changed: new Set(), removed: ['lab-x'] });
    expect(store.search({ query: 'lab', limit: 10, includeArchived: true })).toEqual([]);
    expect(store.search({ query: 'title', limit: 10, includeArchived: true }).map((h) => h.id)).toEqual([
      'a',
    ]);
    expect(gone.seq).toBeGreaterThan(down.seq);
  });
});
