import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  applyCachedDelta,
  clearLibraryCache,
  libraryCacheSize,
  putCachedIdea,
  putCachedDossier,
  readCachedDossier,
  readCachedLibrary,
  replaceCachedLibrary,
  replaceCachedSessions,
} from './library-cache.ts';
import type { LibraryDb } from './library-db.ts';
import { useLibraryDbs } from '../../test-support/library-dbs.ts';
import type { CachedVersion } from './library-types.ts';
import { cachedIdea as idea } from '../../test-support/cached-idea.ts';
import { LIBRARY_SCHEMA_V1, LIBRARY_SCHEMA_V2, LIBRARY_SCHEMA_VERSION } from './library-upgrades.ts';

let n = 0;
const libraryDb = useLibraryDbs();
const freshDb = (): LibraryDb => libraryDb(`library-test-${++n}`);

function versions(text: string): CachedVersion[] {
  return [{ version: 1, title: 't', text, dialogue: [{ who: 'mentor', text: 'ok' }], createdAt: 'x' }];
}

describe('library cache', () => {
  it('a full refresh replaces the cache with exactly the core list and drops dossiers of ideas that are gone', async () => {
    const db = freshDb();
    await replaceCachedLibrary(db, [idea('a'), idea('b')], 'c1', 10);
    await putCachedDossier(db, { ideaId: 'b', versions: versions('x'), ideaUpdatedAt: 'u' }, 11);
    await replaceCachedLibrary(db, [idea('a', { title: 'A2' }), idea('c')], 'c2', 12);
    const cached = await readCachedLibrary(db);
    expect(cached.ideas.map((i) => [i.ideaId, i.title]).sort()).toEqual([
      ['a', 'A2'],
      ['c', 'Idea c'],
    ]);
    expect(cached.cursor).toBe('c2');
    expect(cached.refreshedAt).toBe(12);
    expect(await readCachedDossier(db, 'b')).toBeNull();
  });

  it('an incremental refresh applies changed and removed entries and moves the cursor', async () => {
    const db = freshDb();
    await replaceCachedLibrary(db, [idea('a'), idea('b'), idea('c')], 'c1');
    await putCachedDossier(db, { ideaId: 'c', versions: versions('x'), ideaUpdatedAt: 'u' });
    await applyCachedDelta(db, {
      changed: [idea('a', { archived: true }), idea('d')],
      removed: ['c'],
      cursor: 'c2',
    });
    const cached = await readCachedLibrary(db);
    expect(cached.ideas.map((i) => `${i.ideaId}:${i.archived}`).sort()).toEqual([
      'a:true',
      'b:false',
      'd:false',
    ]);
    expect(cached.cursor).toBe('c2');
    expect(await readCachedDossier(db, 'c')).toBeNull();
  });

  it('keeps dossiers bounded by count, evicting the least recently opened', async () => {
    const db = freshDb();
    const bounds = { maxCount: 2, maxBytes: 1_000_000 };
    await putCachedDossier(db, { ideaId: 'a', versions: versions('a'), ideaUpdatedAt: 'u' }, 1, bounds);
    await putCachedDossier(db, { ideaId: 'b', versions: versions('b'), ideaUpdatedAt: 'u' }, 2, bounds);
    expect(await readCachedDossier(db, 'a', 3)).not.toBeNull(); // a is now newer than b
    await putCachedDossier(db, { ideaId: 'c', versions: versions('c'), ideaUpdatedAt: 'u' }, 4, bounds);
    expect((await db.dossiers.toCollection().primaryKeys()).sort()).toEqual(['a', 'c']);
  });

  it('keeps dossiers bounded by bytes, but always keeps the one just stored', async () => {
    const db = freshDb();
    const big = 'x'.repeat(600);
    const bounds = { maxCount: 100, maxBytes: 1000 };
    await putCachedDossier(db, { ideaId: 'a', versions: versions(big), ideaUpdatedAt: 'u' }, 1, bounds);
    await putCachedDossier(db, { ideaId: 'b', versions: versions(big), ideaUpdatedAt: 'u' }, 2, bounds);
    expect(await db.dossiers.toCollection().primaryKeys()).toEqual(['b']);
    await putCachedDossier(
      db,
      { ideaId: 'huge', versions: versions(big.repeat(3)), ideaUpdatedAt: 'u' },
      3,
      bounds,
    );
    expect(await db.dossiers.toCollection().primaryKeys()).toEqual(['huge']);
    expect((await libraryCacheSize(db)).dossierBytes).toBeGreaterThan(1000);
  });

  it('clearing empties ideas, dossiers, sessions and the cursor', async () => {
    const db = freshDb();
    await replaceCachedLibrary(db, [idea('a')], 'c1');
    await putCachedDossier(db, { ideaId: 'a', versions: versions('a'), ideaUpdatedAt: 'u' });
    await replaceCachedSessions(db, [{ id: 's1', topic: 't', status: 'done', ideas: 1, updatedAt: 'u' }]);
    await clearLibraryCache(db);
    expect(await libraryCacheSize(db)).toEqual({ ideas: 0, dossiers: 0, sessions: 0, dossierBytes: 0 });
    expect((await readCachedLibrary(db)).cursor).toBeNull();
  });
});

describe('library cache schema upgrade', () => {
  it('upgrades a v1 database: entries kept, searchText and archived filled in, dossiers and sessions added', async () => {
    const name = `library-test-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(LIBRARY_SCHEMA_V1);
    await v1.table('ideas').bulkPut([
      {
        ideaId: 'a',
        title: 'Graph Pruning',
        abstract: 'Sparse ATTENTION',
        topic: 'LLMs',
        tags: ['Fast'],
        note: 'mine',
      },
      { ideaId: 'b', title: 'Other', tags: 'not-a-list' },
    ]);
    await v1.table('meta').put({ key: 'library', cursor: 'c9', refreshedAt: 5 });
    v1.close();

    const db = libraryDb(name);
    await db.open();
    expect(db.verno).toBe(LIBRARY_SCHEMA_VERSION);
    const { ideas } = await readCachedLibrary(db);
    const a = ideas.find((i) => i.ideaId === 'a');
    expect(a?.searchText).toBe('graph pruning\nsparse attention\nllms\nfast\nmine');
    expect(a?.archived).toBe(false);
    const b = ideas.find((i) => i.ideaId === 'b');
    expect(b?.tags).toEqual([]);
    expect(b?.searchText).toBe('other\n\n\n\n');
    expect((await readCachedLibrary(db)).cursor).toBe('c9');
    await putCachedDossier(db, { ideaId: 'a', versions: versions('a'), ideaUpdatedAt: 'u' });
    expect(await readCachedDossier(db, 'a')).not.toBeNull();
  });

  it('upgrades a v2 database: its rows and cursor move into the one-row snapshot, dossiers stay', async () => {
    const name = `library-test-${++n}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(LIBRARY_SCHEMA_V2);
    await v2.table('ideas').bulkPut([idea('a', { note: 'kept' }), idea('b', { archived: true })]);
    await v2.table('meta').put({ key: 'library', cursor: 'c7', refreshedAt: 42 });
    await v2
      .table('dossiers')
      .put({ ideaId: 'a', versions: versions('x'), ideaUpdatedAt: 'u', bytes: 10, usedAt: 1 });
    v2.close();

    const db = libraryDb(name);
    await db.open();
    expect(db.verno).toBe(LIBRARY_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['dossiers', 'sessions', 'snapshot']);
    const cached = await readCachedLibrary(db);
    expect(cached.cursor).toBe('c7');
    expect(cached.refreshedAt).toBe(42);
    expect(cached.ideas.map((i) => `${i.ideaId}:${i.archived}:${i.note}`).sort()).toEqual([
      'a:false:kept',
      'b:true:',
    ]);
    expect(cached.ideas.find((i) => i.ideaId === 'a')?.searchText).toBe(
      idea('a', { note: 'kept' }).searchText,
    );
    expect(await readCachedDossier(db, 'a')).not.toBeNull();
    expect((await libraryCacheSize(db)).ideas).toBe(2);
  });

  it('one idea saved by this window replaces its entry and keeps the cursor', async () => {
    const db = freshDb();
    await replaceCachedLibrary(db, [idea('a'), idea('b')], 'c1', 5);
    await putCachedIdea(db, idea('b', { note: 'new note', revision: 2 }));
    const cached = await readCachedLibrary(db);
    expect(cached.cursor).toBe('c1');
    expect(cached.ideas.find((i) => i.ideaId === 'b')).toMatchObject({ note: 'new note', revision: 2 });
    expect(cached.ideas.find((i) => i.ideaId === 'b')?.searchText).toContain('new note');
  });
});
