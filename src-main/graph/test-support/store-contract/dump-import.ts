import { describe, expect, it } from 'vitest';
import type { GraphDump } from '../../dump-format.ts';
import type { ImportBatchInput } from '../../port.ts';
import { alice, bob, DIM, expectAppError, MODEL, node, snapshot, vec } from './helpers.ts';
import type { GetStore } from './helpers.ts';
import { batchEdge } from '../batch-edge.ts';

const batch: ImportBatchInput = {
  nodes: [
    { kind: 'Paper', name: 'A study of drift', origin: 'imported', props: { authors: ['Ada'], year: 2024 } },
    {
      kind: 'Problem',
      name: 'Model decay',
      origin: 'mined',
      embedding: { model: MODEL, vector: vec(DIM, 0) },
    },
    {
      kind: 'Challenge',
      name: 'Label shift',
      origin: 'mined',
      embedding: { model: MODEL, vector: vec(DIM, 1) },
    },
    { kind: 'Solution', name: 'Importance weighting', origin: 'mined' },
  ],
  edges: [
    batchEdge('HAS_CHALLENGE', ['Problem', 'model decay'], ['Challenge', 'Label shift']),
    batchEdge('SOLVED_BY', ['Challenge', 'Label shift'], ['Solution', 'Importance weighting']),
    batchEdge('EXTRACTED_FROM', ['Problem', 'Model decay'], ['Paper', 'A study of drift']),
  ],
};

export function registerDumpImportTests(getStore: GetStore): void {
  describe('import batch', () => {
    it('writes nodes, edges and embeddings together, resolving refs by name or id', async () => {
      const store = getStore();
      const existing = await node(store, 'Topic', 'Robustness');
      const result = await store.importBatch(
        {
          ...batch,
          nodes: [...batch.nodes, { kind: 'Problem', name: 'MODEL DECAY' }],
          edges: [
            ...(batch.edges ?? []),
            {
              type: 'EXTRACTED_FROM',
              from: { id: existing.id },
              to: { kind: 'Paper', name: 'A study of drift' },
            },
          ],
        },
        bob,
      );
      expect(result).toMatchObject({ nodesCreated: 4, nodesMerged: 1, edgesCreated: 4, embeddingsSet: 2 });
      expect(result.nodeIds).toHaveLength(5);
      expect(result.nodeIds[4]).toBe(result.nodeIds[1]);
      const stats = await store.stats();
      expect(stats.nodes).toMatchObject({ Problem: 1, Challenge: 1, Solution: 1, Paper: 1, Topic: 1 });
      expect(stats.edges).toMatchObject({ HAS_CHALLENGE: 1, SOLVED_BY: 1, EXTRACTED_FROM: 2 });
      const decay = await store.getNodeByName('Problem', 'Model decay');
      expect(decay).toMatchObject({ origin: 'mined', createdBy: 'bob', aliases: ['MODEL DECAY'] });
      expect(await store.getEmbedding(decay?.id ?? '', MODEL)).toEqual(vec(DIM, 0));
      expect((await store.auditLog({ actor: 'bob', action: 'node.create' })).length).toBe(4);
    });

    it('is atomic: one bad item and nothing of the batch is written', async () => {
      const store = getStore();
      await node(store, 'Topic', 'Robustness');
      const before = await snapshot(store);
      const badEdge: ImportBatchInput = {
        ...batch,
        edges: [
          ...(batch.edges ?? []),
          batchEdge('SOLVED_BY', ['Problem', 'Model decay'], ['Solution', 'Importance weighting']),
        ],
      };
      await expectAppError(store.importBatch(badEdge, alice), 'VALIDATION', 'edges.3.type');
      const dangling: ImportBatchInput = {
        ...batch,
        edges: [
          { type: 'HAS_CHALLENGE', from: { kind: 'Problem', name: 'Model decay' }, to: { id: 'nowhere' } },
        ],
      };
      await expectAppError(store.importBatch(dangling, alice), 'NOT_FOUND', 'edges.0.to');
      const badVector: ImportBatchInput = {
        nodes: [
          ...batch.nodes,
          { kind: 'Problem', name: 'Odd vector', embedding: { model: MODEL, vector: vec(DIM + 2, 0) } },
        ],
      };
      await expectAppError(store.importBatch(badVector, alice), 'VALIDATION', 'nodes.4.embedding.vector');
      const badName: ImportBatchInput = { nodes: [...batch.nodes, { kind: 'Problem', name: '' }] };
      await expectAppError(store.importBatch(badName, alice), 'VALIDATION', 'nodes.4.name');
      expect(await snapshot(store)).toEqual(before);
    });
  });

  describe('dump and restore', () => {
    it('round-trips a graph exactly: ids, versions, provenance, edges and vectors', async () => {
      const store = getStore();
      await store.importBatch(batch, alice);
      const weird = await node(store, 'Idea', "it's `odd` — 雪", {
        props: { status: 'accepted', currentVersion: 2, scores: { novelty: 7.5 } },
      });
      const decay = await store.getNodeByName('Problem', 'Model decay');
      await store.addEdge(
        { type: 'CITES', from: weird.id, to: decay?.id ?? '', props: { ideaVersion: 2 } },
        bob,
      );
      await store.updateNode({ id: weird.id, expectedVersion: 1, patch: { review: 'approved' } }, bob);
      const dump = await store.dump();
      expect(dump).toMatchObject({ format: 'motivgraph-dump', formatVersion: 2 });
      expect(dump.nodes).toHaveLength(5);
      expect(dump.edges).toHaveLength(4);
      expect(dump.embeddings).toHaveLength(2);
      const json = JSON.parse(JSON.stringify(dump)) as unknown;

      await expectAppError(store.restore(json, alice), 'CONFLICT', 'replace');
      await store.deleteNode({ id: weird.id }, alice);
      const restored = await store.restore(json, alice, { replace: true });
      expect(restored).toEqual({ nodes: 5, edges: 4 });
      const again = await store.dump();
      const strip = (d: GraphDump) => ({ ...d, exportedAt: '' });
      expect(strip(again)).toEqual(strip(dump));
      expect((await store.getNode(weird.id))?.version).toBe(2);
      const hits = await store.nodeSearch({ query: 'label shift', vector: vec(DIM, 1), mode: 'hybrid' });
      expect(hits[0]?.node.name).toBe('Label shift');
      expect((await store.auditLog({ action: 'graph.restore' }))[0]).toMatchObject({ actor: 'alice' });
    });

    it('refuses malformed dumps, naming the JSON path, and leaves the store unchanged', async () => {
      const store = getStore();
      await store.importBatch(batch, alice);
      const good = JSON.parse(JSON.stringify(await store.dump())) as GraphDump;
      const before = await snapshot(store);
      const broken = (mutate: (d: GraphDump) => void): unknown => {
        const copy = structuredClone(good);
        mutate(copy);
        return copy;
      };
      const cases: Array<[unknown, string]> = [
        ['not a dump', '(root)'],
        [broken((d) => Object.assign(d, { formatVersion: 99 })), 'formatVersion'],
        [broken((d) => Object.assign(d.nodes[1] ?? {}, { kind: 'Dataset' })), 'nodes.1.kind'],
        [broken((d) => Object.assign(d.nodes[0] ?? {}, { name: 'x'.repeat(201) })), 'nodes.0.name'],
        [broken((d) => Object.assign(d.edges[0] ?? {}, { to: 'nowhere' })), 'edges.0.to'],
        [broken((d) => Object.assign(d.edges[1] ?? {}, { type: 'HAS_CHALLENGE' })), 'edges.1.type'],
        [broken((d) => Object.assign(d.embeddings[1] ?? {}, { vector: [1, 2] })), 'embeddings.1.vector'],
        [
          broken((d) => d.nodes.push({ ...(d.nodes[0] as GraphDump['nodes'][number]), id: 'copy' })),
          'nodes.4.name',
        ],
      ];
      for (const [dump, path] of cases) {
        const error = await expectAppError(store.restore(dump, alice, { replace: true }), 'VALIDATION');
        expect((error.details as { path?: string }).path).toBe(path);
        expect(error.message).toContain(path);
      }
      expect(await snapshot(store)).toEqual(before);
    });
  });
}
