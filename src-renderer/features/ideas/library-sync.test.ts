import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryListResponse } from '../../../src-main/contract/library.ts';
import type { Channel, RequestOf, ResponseOf } from '../../../src-main/contract/index.ts';
import { readCachedLibrary } from '../../lib/db/library-cache.ts';
import type { LibraryDb } from '../../lib/db/library-db.ts';
import { useLibraryDbs } from '../../test-support/library-dbs.ts';
import { toCachedIdea } from './library-adapter.ts';
import { refreshLibrary } from './library-merge.ts';

/**
 * The offline library against a real core (`motiv serve` on a data dir whose ideator file holds three written
 * ideas, reached over HTTP as the page does): after the core archives and deletes ideas, one refresh from the
 * cursor leaves every tab's cache equal to the core's full list.
 */

interface Server {
  origin: string;
  token: string;
  stop(): Promise<void>;
}
// Node code (the renderer's tsconfig has no Node types): loaded by path, typed here.
const { newDataDir, startBrowserMode } = (await import(
  /* @vite-ignore */ '../../../e2e/app-launcher.ts'
)) as {
  newDataDir(): string;
  startBrowserMode(dataDir: string): Promise<Server>;
};
const { seedIdeatorSessions } = (await import(
  /* @vite-ignore */ '../../../src-main/judge/test-ideas.ts'
)) as {
  seedIdeatorSessions(dataDir: string, topic: string, words: readonly string[]): void;
};

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
const libraryDb = useLibraryDbs();

function call(
  server: Server,
): <C extends Channel>(channel: C, payload: RequestOf<C>) => Promise<ResponseOf<C>> {
  return async (channel, payload) => {
    const res = await fetch(`${server.origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-motiv-token': server.token },
      body: JSON.stringify(payload),
    });
    const reply = (await res.json()) as { result?: unknown; error?: { code: string; message: string } };
    if (reply.error) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.result as ResponseOf<typeof channel>;
  };
}

const tab = (name: string): LibraryDb => libraryDb(`library-sync-${name}-${Date.now()}`);

const byId = <T extends { ideaId: string }>(ideas: T[]): T[] =>
  [...ideas].sort((a, b) => (a.ideaId < b.ideaId ? -1 : 1));

describe('the offline library against a real core', () => {
  it('after archive and delete on the core, a refresh leaves each cache equal to the core list', async () => {
    const dataDir = newDataDir();
    seedIdeatorSessions(dataDir, 'graph neural networks for drug discovery', ['alpha', 'beta', 'gamma']);
    const server = await startBrowserMode(dataDir);
    servers.push(server);
    const core = call(server);
    const list = (request: RequestOf<'library.list'>): Promise<LibraryListResponse> =>
      core('library.list', request);

    // Two tabs fill their caches.
    const [one, two] = [tab('one'), tab('two')];
    const first = await refreshLibrary(one, list, [], null);
    await refreshLibrary(two, list, [], null);
    expect(first.answer.full).toBe(true);
    expect(first.ideas.map((i) => i.ideaId)).toEqual(
      expect.arrayContaining(['id-alpha', 'id-beta', 'id-gamma']),
    );

    // The core changes (as the CLI or another window would): alpha archived, beta archived then deleted, a note.
    await core('library.archive', { ideaId: 'id-alpha' });
    await core('library.archive', { ideaId: 'id-beta' });
    await core('library.delete', { ideaId: 'id-beta', confirm: 'id-beta' });
    await core('library.update', { ideaId: 'id-gamma', baseRevision: 0, note: 'from the CLI' });

    // Each tab refreshes from its own cursor and shows what is cached.
    const truth = byId((await core('library.list', {})).entries.map(toCachedIdea));
    for (const db of [one, two]) {
      const cached = await readCachedLibrary(db);
      const after = await refreshLibrary(db, list, cached.ideas, cached.cursor);
      expect(after.answer.full).toBe(false);
      expect(after.answer.removedIds).toEqual(['id-beta']);
      const stored = await readCachedLibrary(db);
      expect(byId(stored.ideas)).toEqual(truth);
      expect(byId(after.ideas)).toEqual(truth);
      expect(stored.cursor).toBe(after.answer.cursor);
    }
    expect(truth.find((i) => i.ideaId === 'id-alpha')?.archived).toBe(true);
    expect(truth.find((i) => i.ideaId === 'id-gamma')?.note).toBe('from the CLI');
    expect(truth.some((i) => i.ideaId === 'id-beta')).toBe(false);
  });
});
