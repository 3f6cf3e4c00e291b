import { describe, expect, it } from 'vitest';
import { readAtlas } from '../atlas/atlas-dataset.ts';
import { ATLAS_ACTOR, atlasMarker } from '../atlas/atlas-node.ts';
import {
  applyPlan,
  planMapping,
  refreshPlan,
  type Embed,
  type MappingPlan,
} from '../atlas/map-onto-graph.ts';
import type { GraphNode } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { useLocalMinilm } from './local-minilm.ts';

export const pairsOf = (plan: MappingPlan): string[] =>
  plan.methods.flatMap((m) => m.matches.map((x) => `${m.methodId} => ${x.challengeName}`));

async function atlasNode(store: GraphStore, methodId: string): Promise<GraphNode> {
  const dump = await store.dump();
  const node = dump.nodes.find((n) => n.aliases.includes(atlasMarker(methodId)));
  if (!node) throw new Error(`no atlas node for ${methodId}`);
  return node;
}

/**
 * The atlas mapping's writes through the GraphStore port (atlas/map-onto-graph.ts), on a store holding the seed
 * graph: once and idempotent, and a person's decisions (approve, rename, reject, delete, a rejected edge) made
 * between a rerun's read and its write all kept. Registered for the embedded store (atlas/map-onto-graph.test.ts)
 * and for Neo4j (graph/neo4j/neo4j-store.test.ts, the one file that writes to the test server).
 */
export function registerAtlasMappingTests(name: string, seededStore: () => Promise<GraphStore>): void {
  describe(`the atlas mapping written to the ${name} store`, { timeout: 120_000 }, () => {
    const embedder = useLocalMinilm();
    const atlas = readAtlas();
    const person = { actor: 'Ada' };
    const embed: Embed = (texts, signal) => embedder().embed(texts, { signal });

    it('writes proposed Solution nodes and SOLVED_BY edges once: a second run creates nothing', async () => {
      const store = await seededStore();
      try {
        const plan = await planMapping(store, atlas, { embed });
        const first = await applyPlan(store, atlas, plan);
        const pairCount = pairsOf(plan).length;
        expect(first).toMatchObject({ nodesCreated: plan.methods.length, edgesCreated: pairCount });
        const node = await atlasNode(store, 'selp');
        expect(node).toMatchObject({
          kind: 'Solution',
          origin: 'imported',
          review: 'proposed',
          createdBy: ATLAS_ACTOR,
        });
        expect(node.description).toContain('planning-methods atlas (method selp)');
        expect(node.description).toContain('arXiv');
        const again = await planMapping(store, atlas, { embed });
        expect(
          again.methods.every(
            (m) => m.status === 'proposed' && m.matches.every((x) => x.status === 'exists'),
          ),
        ).toBe(true);
        expect(await applyPlan(store, atlas, again)).toEqual({
          nodesCreated: 0,
          edgesCreated: 0,
          batches: 0,
        });
        // What the panel shows after applying: the same plan with the graph's statuses, without embedding again.
        expect(await refreshPlan(store, atlas, plan)).toEqual(again);
      } finally {
        await store.close();
      }
    });

    it('leaves what a person decided alone, even when the person writes between the plan and the write', async () => {
      const store = await seededStore();
      try {
        await applyPlan(store, atlas, await planMapping(store, atlas, { embed }));
        const stale = await planMapping(store, atlas, { embed });
        // The second writer: approves one method node, renames another, rejects a third, deletes a fourth and
        // rejects one mapping edge, after the rerun read the graph and before it writes.
        const approved = await atlasNode(store, 'selp');
        await store.updateNode(
          { id: approved.id, expectedVersion: approved.version, patch: { review: 'approved' } },
          person,
        );
        const renamed = await atlasNode(store, 'msi-agent');
        await store.updateNode(
          { id: renamed.id, expectedVersion: renamed.version, patch: { name: 'Multi-scale insight memory' } },
          person,
        );
        const rejected = await atlasNode(store, 'tapir-task-aware-curriculum-planning');
        await store.updateNode(
          { id: rejected.id, expectedVersion: rejected.version, patch: { review: 'rejected' } },
          person,
        );
        const deleted = await atlasNode(store, 'grounded-decoding');
        await store.deleteNode({ id: deleted.id }, person);
        const edge = (await store.dump()).edges.find(
          (e) => e.type === 'SOLVED_BY' && e.to === (approved.id as string),
        );
        if (!edge) throw new Error('selp has a mapping edge');
        await store.updateEdge(
          { id: edge.id, expectedVersion: edge.version, patch: { review: 'rejected' } },
          person,
        );
        const before = await store.dump();

        expect(await applyPlan(store, atlas, stale)).toEqual({
          nodesCreated: 0,
          edgesCreated: 0,
          batches: 0,
        });
        const fresh = await planMapping(store, atlas, { embed });
        expect(await applyPlan(store, atlas, fresh)).toEqual({
          nodesCreated: 0,
          edgesCreated: 0,
          batches: 0,
        });
        const after = await store.dump();
        expect(after.nodes).toEqual(before.nodes);
        expect(after.edges).toEqual(before.edges);
        expect(await store.getNode(renamed.id)).toMatchObject({ name: 'Multi-scale insight memory' });
        const status = (id: string): string | undefined =>
          fresh.methods.find((m) => m.methodId === id)?.status;
        expect([status('selp'), status('msi-agent'), status('tapir-task-aware-curriculum-planning')]).toEqual(
          ['approved', 'proposed', 'rejected'],
        );
        expect(status('grounded-decoding')).toBe('deleted');
        const selp = fresh.methods.find((m) => m.methodId === 'selp');
        expect(selp?.matches.find((x) => x.challengeId === edge.from)?.status).toBe('rejected');
      } finally {
        await store.close();
      }
    });
  });
}
