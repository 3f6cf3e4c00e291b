import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../../src-main/contract/index.ts';
import { emptyAnnotation } from '../../features/methods/atlas-types.ts';
import { ApiError } from '../api/client.ts';
import { AtlasDb } from './atlas-db.ts';
import { saveAnnotation } from './atlas-notes.ts';
import { CoreSync, type CoreCaller } from './core-sync.ts';

/**
 * The cache against a real core: `motiv serve` in its own process, reached over HTTP like the browser does.
 * "The core is unreachable" is the server stopped; "it is back" is a new server on the same data dir.
 */

interface BrowserModeApp {
  origin: string;
  token: string;
  stop(): Promise<void>;
}
interface Launcher {
  newDataDir(): string;
  startBrowserMode(dataDir: string): Promise<BrowserModeApp>;
}
// The e2e launcher is Node code, and the renderer's tsconfig has no Node types: load it by path, typed here.
const LAUNCHER = '../../../e2e/app-launcher.ts';
const { newDataDir, startBrowserMode } = (await import(/* @vite-ignore */ LAUNCHER)) as Launcher;

const servers: BrowserModeApp[] = [];
const dbs: AtlasDb[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function serve(dataDir: string): Promise<BrowserModeApp> {
  const server = await startBrowserMode(dataDir);
  servers.push(server);
  return server;
}

/** The browser transport's contract over Node's fetch; `server` can be swapped when the core restarts. */
function httpCaller(target: { server: BrowserModeApp }): CoreCaller {
  return {
    async invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
      const res = await fetch(`${target.server.origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-motiv-token': target.server.token },
        body: JSON.stringify(payload),
      });
      const reply = (await res.json()) as
        { result: ResponseOf<C> } | { error: ConstructorParameters<typeof ApiError>[0] };
      if ('error' in reply) throw new ApiError(reply.error);
      return reply.result;
    },
    onEvent: () => () => undefined,
  };
}

const note = (text: string) => ({ ...emptyAnnotation('llm-p'), note: text });

describe('CoreSync against a real core', () => {
  it('queues writes while the core is down, then a stale queue becomes a conflict: keep mine, take theirs', async () => {
    const dataDir = newDataDir();
    const target = { server: await serve(dataDir) };
    const db = new AtlasDb(`core-sync-${Date.now()}`);
    dbs.push(db);
    const caller = httpCaller(target);
    const sync = new CoreSync(db, caller, () => undefined);

    await saveAnnotation(db, note('first'));
    await sync.flush();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.annotations.get('llm-p'))?.revision).toBe(1);

    // The core goes away: two edits land in IndexedDB and coalesce into one queued write from revision 1.
    await target.server.stop();
    await saveAnnotation(db, note('offline 1'));
    await saveAnnotation(db, note('offline 2'));
    await sync.flush();
    expect(sync.reachable).toBe(false);
    expect(await db.outbox.toArray()).toMatchObject([
      { baseRevision: 1, body: { note: 'offline 2' }, edits: 2 },
    ]);

    // It comes back on another port; someone else saved first.
    target.server = await serve(dataDir);
    await caller.invoke('annotations.put', {
      kind: 'annotation',
      baseRevision: 1,
      body: { methodId: 'llm-p', tags: [], starred: true, note: 'theirs', solutionLinks: [] },
    });
    await sync.flush();
    expect(sync.reachable).toBe(true);
    const [conflicted] = await db.outbox.toArray();
    expect(conflicted?.conflict).toMatchObject({ note: 'theirs', revision: 2 });
    expect((await db.annotations.get('llm-p'))?.note).toBe('offline 2');

    await sync.resolve('annotation:llm-p', { kind: 'mine' });
    expect(await db.outbox.count()).toBe(0);
    expect((await caller.invoke('annotations.list', {})).annotations[0]).toMatchObject({
      note: 'offline 2',
      revision: 3,
    });

    // Again stale; this time take theirs: the cache shows the core's row and nothing stays queued.
    await caller.invoke('annotations.put', {
      kind: 'annotation',
      baseRevision: 3,
      body: { methodId: 'llm-p', tags: ['lab'], starred: false, note: 'theirs again', solutionLinks: [] },
    });
    await saveAnnotation(db, note('mine again'));
    await sync.flush();
    await sync.resolve('annotation:llm-p', { kind: 'theirs' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.annotations.get('llm-p')).toMatchObject({
      note: 'theirs again',
      tags: ['lab'],
      revision: 4,
    });

    // A fresh cache (another origin) pulls everything from the core.
    const other = new AtlasDb(`core-sync-other-${Date.now()}`);
    dbs.push(other);
    await new CoreSync(other, caller, () => undefined).syncNow();
    expect(await other.annotations.get('llm-p')).toMatchObject({ note: 'theirs again', revision: 4 });
  }, 30_000);
});
