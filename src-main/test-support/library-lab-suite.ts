import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryListResponse, LibrarySearchResponse } from '../contract/library.ts';
import { createCore, type Core } from '../core/create-core.ts';
import type { GraphStore } from '../graph/port.ts';
import { syncIdeaNode } from '../ideator/graph-writeback.ts';
import { SessionStore } from '../ideator/session-store.ts';
import { seedIdeatorSessions } from '../judge/test-ideas.ts';
import { channelCaller, resultCaller } from './core-calls.ts';
import { useTempDirs } from './temp-dir.ts';

/**
 * The library on a lab's shared Neo4j: two members (two data dirs, two cores, two display names) write their ideas
 * back to one graph; each lists their own ideas as theirs and the other's Idea nodes as lab ideas with the
 * other's name, never their own twice. Registered by the one test file that writes to the test server
 * (graph/neo4j/neo4j-store.test.ts), which hands each test a freshly emptied, migrated database.
 */
export function registerLibraryLabTests(freshStore: () => Promise<GraphStore>, uri: () => string): void {
  describe('library.list on a shared Neo4j (two lab members)', () => {
    const tempDir = useTempDirs();
    const opened: Core[] = [];
    let graph: GraphStore | undefined;
    afterEach(async () => {
      for (const core of opened.splice(0)) await core.close();
      await graph?.close();
      graph = undefined;
    });

    const TOPIC = 'graph neural networks for drug discovery';

    /** A member's data dir with one written idea (`id-<word>`), written back to the graph under their name. */
    async function member(name: string, word: string, store: GraphStore): Promise<Core> {
      const dataDir = tempDir();
      seedIdeatorSessions(dataDir, TOPIC, [word]);
      const sessions = new SessionStore(join(dataDir, 'ideator.sqlite'));
      try {
        sessions.updateIdea(`id-${word}`, { phase: 'done', outcome: 'accepted', decidedBy: 'mentor' });
        await syncIdeaNode(store, sessions, `id-${word}`, name);
      } finally {
        sessions.close();
      }
      const core = createCore({
        env: { MOTIV_DATA_DIR: dataDir, MOTIV_NEO4J_URI: uri(), MOTIV_SEED: 'off' },
      });
      opened.push(core);
      core.settings.update({ profile: { displayName: name } });
      return core;
    }

    /** The list with only written ideas (each seeded session also holds one idea still being drafted). */
    async function written(core: Core): Promise<LibraryListResponse> {
      const list = await resultCaller(channelCaller(core))<LibraryListResponse>('library.list', {});
      return { ...list, entries: list.entries.filter((e) => e.versions > 0) };
    }

    it("lists the member's own ideas as theirs and the other member's Idea nodes with their author", async () => {
      graph = await freshStore();
      const ada = await member('Ada', 'alpha', graph);
      const bob = await member('Bob', 'beta', graph);

      const adaList = await written(ada);
      expect(adaList.unavailable).toEqual([]);
      expect(adaList.entries).toHaveLength(2);
      const mine = adaList.entries.find((e) => e.source === 'mine');
      const lab = adaList.entries.find((e) => e.source === 'lab');
      expect(mine).toMatchObject({ id: 'id-alpha', author: 'Ada', sessionId: 's1' });
      expect(lab).toMatchObject({
        sessionId: null,
        author: 'Bob',
        title: 'Idea beta for the topic',
        topic: TOPIC,
        status: 'accepted',
        versions: 1,
        cost: null,
      });

      const bobList = await written(bob);
      expect(bobList.entries.map((e) => [e.source, e.author, e.title]).sort()).toEqual([
        ['lab', 'Ada', 'Idea alpha for the topic'],
        ['mine', 'Bob', 'Idea beta for the topic'],
      ]);

      // Lab ideas take the member's own tags and are searchable.
      const labId = lab?.id ?? '';
      await resultCaller(channelCaller(ada))('library.update', {
        ideaId: labId,
        baseRevision: 0,
        tags: ['lab'],
      });
      const found = await resultCaller(channelCaller(ada))<LibrarySearchResponse>('library.search', {
        query: 'beta',
      });
      expect(found.hits.map((h) => h.id)).toEqual([labId]);
    });

    it('keeps the lab ideas a refresh could not read (server down) out of removedIds, and says so', async () => {
      graph = await freshStore();
      const ada = await member('Ada', 'alpha', graph);
      await member('Bob', 'beta', graph);
      const first = await written(ada);
      expect(first.entries).toHaveLength(2);
      const dataDir = ada.dataDir;
      await ada.close();
      opened.splice(opened.indexOf(ada), 1);

      // The same member, the lab's server unreachable now.
      const offline = createCore({
        env: { MOTIV_DATA_DIR: dataDir, MOTIV_NEO4J_URI: 'bolt://127.0.0.1:1', MOTIV_SEED: 'off' },
      });
      opened.push(offline);
      const down = await resultCaller(channelCaller(offline))<LibraryListResponse>('library.list', {
        changedSince: first.cursor,
      });
      expect(down.unavailable).toMatchObject([{ source: 'lab' }]);
      expect(down.removedIds).toEqual([]);
      const full = await resultCaller(channelCaller(offline))<LibraryListResponse>('library.list', {});
      expect(full.entries.map((e) => e.id).sort()).toEqual(['id-alpha', 'id-unwritten']);
    });
  });
}
