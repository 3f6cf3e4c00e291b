import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphPushEvent } from '../contract/graph-push.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { embeddedGraphPath } from '../core/graph-store-factory.ts';
import type { GraphStore, ImportBatchInput } from '../graph/port.ts';
import { snapshot } from '../graph/test-support/store-contract/helpers.ts';
import { channelCaller, recordEvents, resultCaller } from './core-calls.ts';
import { sampleGraphBatch, seedEmbeddedGraph, seedSampleGraph, wideGraphBatch } from './graph-sample.ts';

/** Where the pushing apps live: `dataDir` gives a new data directory, `graphEnv` points a core at the lab Neo4j,
 * `freshLab` empties that Neo4j and opens a store on it to look at. */
export interface PushLab {
  dataDir: () => string;
  graphEnv: NodeJS.ProcessEnv;
  freshLab: () => Promise<GraphStore>;
}

const PAIRS = 600;

/**
 * `graph.push` as a job (core/graph-admin-push.ts) against the real Neo4j: progress, cancel, a second pusher, a
 * hostile embedded file. Registered by graph/neo4j/neo4j-store.test.ts, the one file that writes to the test Neo4j.
 */
export function registerGraphPushTests(lab: PushLab): void {
  describe('graph.push with progress and cancel (Neo4j)', { timeout: 90_000 }, () => {
    const open: Array<Core | GraphStore> = [];
    afterEach(async () => {
      for (const item of open.splice(0)) await item.close();
    });
    const labStore = async (): Promise<GraphStore> => {
      const store = await lab.freshLab();
      open.push(store);
      return store;
    };
    /** An app whose embedded graph (this computer's) is `batch`, or what `seed` wrote into its data directory. */
    const app = async (
      seed: ImportBatchInput | ((dataDir: string) => Promise<void>),
    ): Promise<{ core: Core; events: GraphPushEvent[] }> => {
      const dataDir = lab.dataDir();
      await (typeof seed === 'function' ? seed(dataDir) : seedEmbeddedGraph(dataDir, seed));
      const core = await createCore({ env: { MOTIV_SEED: 'off', ...lab.graphEnv, MOTIV_DATA_DIR: dataDir } });
      open.push(core);
      return { core, events: recordEvents<GraphPushEvent>(core, 'graph.pushEvent') };
    };
    const call = (core: Core, channel: string, payload: unknown): Promise<unknown> =>
      resultCaller(channelCaller(core))(channel, payload);
    const failure = async (
      core: Core,
      channel: string,
      payload: unknown,
    ): Promise<{ code: string; message: string }> => {
      const reply = await channelCaller(core)(channel, payload);
      if (!('error' in reply)) throw new Error(`${channel} succeeded but should have failed`);
      return reply.error;
    };
    /** Calls `channel` on the core once, at the push's first progress step. */
    const atFirstStep = (core: Core, channel: string, payload: unknown): Promise<unknown> =>
      new Promise((resolve) => {
        const stop = core.events.subscribe((name, event) => {
          if (name !== 'graph.pushEvent' || (event as GraphPushEvent).state !== 'running') return;
          stop();
          resolve(channelCaller(core)(channel, payload));
        });
      });

    it('reports nodes and edges written of the total, never going back, and ends with the whole graph there', async () => {
      const store = await labStore();
      const { core, events } = await app(wideGraphBatch(PAIRS));
      expect(await call(core, 'graph.push', { replace: false })).toEqual({ nodes: 2 * PAIRS, edges: PAIRS });

      expect(events[0]?.state).toBe('reading');
      const steps = events.filter((e) => e.state === 'running');
      // 2 × 600 nodes and 600 edges in 500-row steps: at least 2 + 2 + 2 of them.
      expect(steps.length).toBeGreaterThanOrEqual(6);
      const written = steps.map((e) => e.nodes + e.edges);
      expect(written).toEqual([...written].sort((a, b) => a - b));
      expect(new Set(written).size).toBe(written.length);
      for (const step of steps) {
        expect(step).toMatchObject({ totalNodes: 2 * PAIRS, totalEdges: PAIRS });
        expect(step.nodes).toBeLessThanOrEqual(step.totalNodes);
        expect(step.edges).toBeLessThanOrEqual(step.totalEdges);
      }
      expect(events.at(-1)).toEqual({
        state: 'completed',
        nodes: 2 * PAIRS,
        edges: PAIRS,
        totalNodes: 2 * PAIRS,
        totalEdges: PAIRS,
      });
      const stats = await store.stats();
      expect(stats.nodes).toMatchObject({ Problem: PAIRS, Challenge: PAIRS });
      expect(stats.edges).toMatchObject({ HAS_CHALLENGE: PAIRS });
    });

    it('a cancel rolls the one transaction back: the lab graph is exactly as before, and a new push works', async () => {
      const store = await labStore();
      await store.importBatch(sampleGraphBatch(), { actor: 'lab member' });
      const before = await snapshot(store);
      const { core, events } = await app(wideGraphBatch(PAIRS));

      const cancel = atFirstStep(core, 'graph.pushCancel', {});
      const refused = await failure(core, 'graph.push', { replace: true });
      expect(await cancel).toEqual({ result: { cancelled: true } });
      expect(refused).toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/unchanged/) });
      expect(events.at(-1)?.state).toBe('cancelled');
      expect(await snapshot(store)).toEqual(before);
      expect(await call(core, 'graph.pushCancel', {})).toEqual({ cancelled: false });

      // Nothing is left claimed: the same push again replaces the lab graph.
      expect(await call(core, 'graph.push', { replace: true })).toEqual({ nodes: 2 * PAIRS, edges: PAIRS });
      expect((await store.stats()).nodes).toMatchObject({ Problem: PAIRS, Challenge: PAIRS });
    });

    it('a second push while one runs is refused clearly, and two apps pushing at once write one graph', async () => {
      const store = await labStore();
      const { core } = await app(wideGraphBatch(PAIRS));
      const second = atFirstStep(core, 'graph.push', { replace: true });
      await call(core, 'graph.push', { replace: false });
      expect(await second).toMatchObject({
        error: { code: 'CONFLICT', message: expect.stringMatching(/already running/) },
      });

      // Two lab members push different graphs into an empty lab graph at the same moment (no replace): the
      // server's imports lock lets one in; the other then finds the graph not empty. Never a mix of both.
      await lab.freshLab().then((s) => s.close());
      const ada = await app(wideGraphBatch(PAIRS, 'Ada'));
      const grace = await app(wideGraphBatch(PAIRS / 2, 'Grace'));
      const replies = await Promise.all(
        [ada, grace].map(({ core: c }) => channelCaller(c)('graph.push', { replace: false })),
      );
      const won = replies.filter((r) => 'result' in r);
      const lost = replies.filter((r) => 'error' in r);
      expect(won).toHaveLength(1);
      expect(lost).toEqual([{ error: expect.objectContaining({ code: 'CONFLICT' }) }]);
      const total = (await store.stats()).nodes;
      const winner = (won[0] as { result: { nodes: number } }).result.nodes;
      expect((total['Problem'] ?? 0) + (total['Challenge'] ?? 0)).toBe(winner);
      const names = (await store.dump()).nodes.map((n) => n.name.split(' ')[0]);
      expect(new Set(names).size).toBe(1);
    });

    it('a hostile embedded file (a 1 MB description) is refused with a typed error naming the node; the lab graph stays', async () => {
      const store = await labStore();
      await store.importBatch(wideGraphBatch(3, 'Lab'), { actor: 'lab member' });
      const before = await snapshot(store);
      const { core, events } = await app(async (dataDir) => {
        await seedSampleGraph(dataDir);
        // Written past the store's limits (20 KB), as a damaged or hand-edited file would hold it.
        const db = new BetterSqlite3(embeddedGraphPath(dataDir));
        db.prepare("UPDATE nodes SET description = ? WHERE kind = 'Problem' AND level = 0").run(
          'x'.repeat(1 << 20),
        );
        db.close();
      });
      const error = await failure(core, 'graph.push', { replace: true });
      expect(error).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(/nodes\.\d+\.description/),
      });
      expect(events.at(-1)).toMatchObject({ state: 'failed', error: { code: 'VALIDATION' } });
      expect(await snapshot(store)).toEqual(before);
    });
  });
}
