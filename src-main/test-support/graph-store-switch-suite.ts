import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphLabStatus } from '../contract/graph-curation.ts';
import type { GraphStoreSwitchResult, GraphStoreTest } from '../contract/graph-store.ts';
import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { channelCaller, resultCaller } from './core-calls.ts';
import { useTempDirs } from './temp-dir.ts';

const PASSWORD = 'pw-lab-never-shown-7c41';

/**
 * Settings → Graph store in a running core against the real test Neo4j: embedded → Neo4j → embedded without a
 * restart, each store keeping its own data; and a second window editing while the first switches. Registered by
 * the one test file that writes to the test server (graph/neo4j/neo4j-store.test.ts), which hands each test a
 * freshly emptied, migrated database.
 */
export function registerGraphStoreSwitchTests(
  freshStore: () => Promise<GraphStore>,
  uri: () => string,
): void {
  describe('switching the running core between the embedded file and Neo4j', () => {
    const tempDir = useTempDirs();
    // Closed after each test, newest first: the cores, then the lab store the test read through.
    const closing: Array<{ close(): Promise<void> }> = [];
    afterEach(async () => {
      for (const item of closing.splice(0).reverse()) await item.close();
    });
    const open = async (dataDir: string): Promise<Core> => {
      const core = await createCore({ env: { MOTIV_DATA_DIR: dataDir, MOTIV_SEED: 'off' } });
      closing.push(core);
      return core;
    };
    const freshLab = async (): Promise<GraphStore> => {
      const store = await freshStore();
      closing.unshift(store);
      return store;
    };
    const names = async (store: GraphStore): Promise<string[]> =>
      (await store.dump()).nodes.map((n) => n.name).sort();

    it('switches embedded → Neo4j → embedded; each store keeps its data; the password never comes back', async () => {
      const lab = await freshLab();
      await lab.upsertNode({ kind: 'Problem', name: 'Only on the lab server' }, { actor: 'lab' });
      const core = await open(tempDir());
      const call = channelCaller(core);
      const ok = resultCaller(call);
      await ok('secrets.set', { name: 'neo4j.password', value: PASSWORD });
      await ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Only on this computer' });
      const target = { store: 'neo4j', neo4j: { uri: uri(), user: null, database: 'neo4j' } };

      const test = await ok<GraphStoreTest>('graph.testStore', target);
      expect(test).toMatchObject({ ok: true, problem: null, server: expect.stringMatching(/^Neo4j 5\./) });
      const onLab = await ok<GraphStoreSwitchResult>('graph.switchStore', target);
      expect(onLab.choice).toMatchObject({ store: 'neo4j', source: 'settings' });
      expect(await ok<GraphLabStatus>('graph.labStatus', {})).toMatchObject({
        store: { kind: 'neo4j' },
        reachable: true,
      });
      const search = async (): Promise<string[]> =>
        (
          await ok<{ hits: Array<{ node: GraphNode }> }>('graph.search', { query: 'Only', mode: 'lexical' })
        ).hits.map((h) => h.node.name);
      expect(await search()).toEqual(['Only on the lab server']);
      await ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Only written to the lab' });

      const back = await ok<GraphStoreSwitchResult>('graph.switchStore', { store: 'embedded' });
      expect(back.choice.store).toBe('embedded');
      expect(await search()).toEqual(['Only on this computer']);
      expect(await names(lab)).toEqual(['Only on the lab server', 'Only written to the lab']);

      const replies = JSON.stringify([test, onLab, back, await ok('graph.storeChoice', {})]);
      expect(replies).not.toContain(PASSWORD);
      expect(readFileSync(core.logger.file, 'utf8')).not.toContain(PASSWORD);
    });

    it('two windows: an edit saved while the other window switches lands on its store or is refused, never lost', async () => {
      const lab = await freshLab();
      // Two windows of the app are two callers of one core (the main process, or `motiv serve`).
      const core = await open(tempDir());
      const [one, two] = [channelCaller(core), channelCaller(core)];
      const target = { store: 'neo4j', neo4j: { uri: uri(), database: 'neo4j' } };
      await resultCaller(two)<GraphStoreSwitchResult>('graph.switchStore', target);
      const node = await resultCaller(one)<GraphNode>('graph.create', {
        kind: 'Problem',
        name: 'Edited on the lab',
      });

      // Window one saves an edit on the lab server while window two switches back to the file.
      const text = 'Saved while the other window switched';
      const editing = one('graph.update', {
        id: node.id,
        expectedVersion: node.version,
        patch: { description: text },
      });
      const switching = resultCaller(two)('graph.switchStore', { store: 'embedded' });
      const [edit] = await Promise.all([editing, switching]);
      const onLab = await lab.getNode(node.id);
      if ('result' in edit) {
        expect(onLab?.description).toBe(text);
      } else {
        // Refused because the store changed under it: said so, and nothing written anywhere.
        expect(edit.error).toMatchObject({ code: 'CONFLICT', details: { field: 'graph.store' } });
        expect(onLab?.description).toBe('');
      }

      // Window one now works on the embedded file, where the lab node is not: refused, never written there.
      const late = await one('graph.update', {
        id: node.id,
        expectedVersion: onLab?.version ?? node.version,
        patch: { description: 'After the switch' },
      });
      expect(late).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect((await lab.getNode(node.id))?.description).toBe(onLab?.description);
      const labStatus = await resultCaller(one)<GraphLabStatus>('graph.labStatus', {});
      expect(labStatus.store.kind).toBe('embedded');
    });
  });
}
