import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../model.ts';
import type { NodeInput } from '../../port.ts';
import { alice, bob, expectAppError, node, snapshot } from './helpers.ts';
import type { GetStore } from './helpers.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function registerNodeTests(getStore: GetStore): void {
  describe('nodes', () => {
    it('creates a node with provenance, version 1 and defaults', async () => {
      const store = getStore();
      const result = await store.upsertNode({ kind: 'Problem', name: 'Catastrophic forgetting' }, alice);
      expect(result.created).toBe(true);
      const n = result.node;
      expect(n).toMatchObject({
        kind: 'Problem',
        name: 'Catastrophic forgetting',
        normalizedName: 'catastrophic forgetting',
        description: '',
        aliases: [],
        level: 0,
        origin: 'curated',
        review: 'proposed',
        createdBy: 'alice',
        updatedBy: 'alice',
        version: 1,
        props: {},
      });
      expect(n.id).toEqual(expect.any(String));
      expect(n.createdAt).toMatch(ISO);
      expect(n.updatedAt).toMatch(ISO);
      expect(await store.getNode(n.id)).toEqual(n);
      expect(await store.getNode('no-such-id')).toBeNull();
    });

    it('gives nodes and edges UUIDv7 ids that sort in creation order, single writes and batches alike', async () => {
      const store = getStore();
      const a = (await store.upsertNode({ kind: 'Problem', name: 'First problem' }, alice)).node;
      const b = (await store.upsertNode({ kind: 'Challenge', name: 'Second challenge' }, alice)).node;
      const edge = (await store.addEdge({ type: 'HAS_CHALLENGE', from: a.id, to: b.id }, alice)).edge;
      const batch = await store.importBatch(
        {
          nodes: [
            { kind: 'Solution', name: 'Third solution' },
            { kind: 'Solution', name: 'Fourth solution' },
          ],
          edges: [
            { type: 'SOLVED_BY', from: { id: b.id }, to: { kind: 'Solution', name: 'Third solution' } },
          ],
        },
        alice,
      );
      const ids = [a.id, b.id, ...batch.nodeIds];
      const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      for (const id of [...ids, edge.id]) expect(id).toMatch(v7);
      expect([...ids].sort()).toEqual(ids);
      const solvedBy = (await store.dump()).edges.find((e) => e.type === 'SOLVED_BY');
      expect(solvedBy?.id).toMatch(v7);
    });

    it('upserts by normalised name: a repeat changes nothing, a new spelling becomes an alias', async () => {
      const store = getStore();
      const first = await store.upsertNode({ kind: 'Problem', name: 'Catastrophic forgetting' }, alice);
      const again = await store.upsertNode({ kind: 'Problem', name: 'Catastrophic forgetting' }, alice);
      expect(again).toMatchObject({ created: false, changed: false });
      expect(again.node).toEqual(first.node);
      const variant = await store.upsertNode(
        { kind: 'Problem', name: '  CATASTROPHIC   forgetting.', description: 'Models forget old tasks.' },
        bob,
      );
      expect(variant.created).toBe(false);
      expect(variant.changed).toBe(true);
      expect(variant.node.id).toBe(first.node.id);
      expect(variant.node.name).toBe('Catastrophic forgetting');
      expect(variant.node.aliases).toEqual(['  CATASTROPHIC   forgetting.']);
      expect(variant.node.description).toBe('Models forget old tasks.');
      expect(variant.node).toMatchObject({ version: 2, updatedBy: 'bob', createdBy: 'alice' });
      const byName = await store.getNodeByName('Problem', 'catastrophic FORGETTING');
      expect(byName?.id).toBe(first.node.id);
      // the same name under another kind is another node
      const challenge = await node(store, 'Challenge', 'Catastrophic forgetting');
      expect(challenge.id).not.toBe(first.node.id);
    });

    it('stores quotes, backticks, Unicode and Cypher-looking names verbatim', async () => {
      const store = getStore();
      const names = [
        `O'Brien's "quoted" problem`,
        'back`tick` name',
        'Émergence des modèles 大型语言模型 🧠',
        "x'}) MATCH (n) DETACH DELETE n //",
        '"; DROP TABLE nodes; --',
        'a'.repeat(LIMITS.nameMaxChars),
      ];
      for (const name of names) {
        const created = await node(store, 'Challenge', name);
        expect(created.name).toBe(name);
        expect((await store.getNode(created.id))?.name).toBe(name);
        expect((await store.getNodeByName('Challenge', name))?.id).toBe(created.id);
      }
      expect((await store.stats()).nodes.Challenge).toBe(names.length);
    });

    it('keeps kind-specific props for papers and ideas', async () => {
      const store = getStore();
      const paper = await node(store, 'Paper', 'Attention Is All You Need', {
        origin: 'imported',
        props: { authors: ['Vaswani', 'Shazeer'], year: 2017, venue: 'NeurIPS', arxivId: '1706.03762' },
      });
      expect(paper.props).toEqual({
        authors: ['Vaswani', 'Shazeer'],
        year: 2017,
        venue: 'NeurIPS',
        arxivId: '1706.03762',
      });
      expect(paper.origin).toBe('imported');
      const idea = await node(store, 'Idea', 'Socratic curriculum');
      expect(idea.props).toEqual({ status: 'draft', currentVersion: 1, scores: {} });
    });

    it("stores 'generated' (LLM-written) as an origin on nodes and edges, and keeps it through dump and restore", async () => {
      const store = getStore();
      const problem = await node(store, 'Problem', 'Sparse rewards');
      const idea = await node(store, 'Idea', 'Reward shaping from critiques', {
        origin: 'generated',
        review: 'approved',
        props: { status: 'accepted', currentVersion: 2, scores: {} },
      });
      expect(idea).toMatchObject({ origin: 'generated', review: 'approved' });
      const { edge } = await store.addEdge(
        { type: 'CITES', from: idea.id, to: problem.id, origin: 'generated', props: { ideaVersion: 2 } },
        alice,
      );
      expect(edge.origin).toBe('generated');
      const legacy = await node(store, 'Idea', 'Older idea', { origin: 'curated' });
      const updated = await store.updateNode(
        { id: legacy.id, expectedVersion: legacy.version, patch: { origin: 'generated' } },
        bob,
      );
      expect(updated).toMatchObject({ origin: 'generated', version: 2 });
      const dump = await store.dump();
      await store.restore(dump, alice, { replace: true });
      expect((await store.getNode(idea.id))?.origin).toBe('generated');
      expect((await store.getEdge(edge.id))?.origin).toBe('generated');
    });

    const bad: Array<[string, unknown, string]> = [
      ['an empty name', { kind: 'Problem', name: '' }, 'name'],
      ['a blank name', { kind: 'Problem', name: '   ' }, 'name'],
      ['a name over 200 characters', { kind: 'Problem', name: 'x'.repeat(201) }, 'name'],
      [
        'a description over 20 KB',
        { kind: 'Problem', name: 'ok', description: 'é'.repeat(10 * 1024 + 1) },
        'description',
      ],
      ['an unknown kind', { kind: 'Dataset', name: 'ok' }, 'kind'],
      ['a negative level', { kind: 'Problem', name: 'ok', level: -1 }, 'level'],
      ['an unknown origin', { kind: 'Problem', name: 'ok', origin: 'guessed' }, 'origin'],
      ['an unknown paper field', { kind: 'Paper', name: 'ok', props: { journal: 'x' } }, 'props'],
      ['a name of punctuation only', { kind: 'Problem', name: '...' }, 'name'],
    ];
    for (const [what, input, field] of bad) {
      it(`refuses ${what} with VALIDATION and leaves the store unchanged`, async () => {
        const store = getStore();
        await node(store, 'Problem', 'existing');
        const before = await snapshot(store);
        await expectAppError(store.upsertNode(input as NodeInput, alice), 'VALIDATION', field);
        expect(await snapshot(store)).toEqual(before);
      });
    }

    it('refuses a write without an actor', async () => {
      const store = getStore();
      await expectAppError(
        store.upsertNode({ kind: 'Problem', name: 'p' }, { actor: ' ' }),
        'VALIDATION',
        'actor',
      );
    });

    it('updates with optimistic concurrency: a stale version is a CONFLICT and changes nothing', async () => {
      const store = getStore();
      const n = await node(store, 'Problem', 'Reward hacking');
      const updated = await store.updateNode(
        {
          id: n.id,
          expectedVersion: 1,
          patch: { description: 'Agents game the reward.', review: 'approved', level: 1 },
        },
        bob,
      );
      expect(updated).toMatchObject({
        version: 2,
        updatedBy: 'bob',
        createdBy: 'alice',
        review: 'approved',
        level: 1,
      });
      expect(updated.updatedAt >= n.updatedAt).toBe(true);
      const before = await snapshot(store);
      const error = await expectAppError(
        store.updateNode({ id: n.id, expectedVersion: 1, patch: { description: 'lost update' } }, alice),
        'CONFLICT',
        'expectedVersion',
      );
      expect(error.details).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
      expect(await snapshot(store)).toEqual(before);
      await expectAppError(
        store.updateNode({ id: 'missing', expectedVersion: 1, patch: {} }, alice),
        'NOT_FOUND',
        'id',
      );
    });

    it('lets exactly one of two concurrent writers of the same version win', async () => {
      const store = getStore();
      const n = await node(store, 'Problem', 'Contended');
      const results = await Promise.allSettled([
        store.updateNode({ id: n.id, expectedVersion: 1, patch: { description: 'alice was here' } }, alice),
        store.updateNode({ id: n.id, expectedVersion: 1, patch: { description: 'bob was here' } }, bob),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect((rejected?.reason as { code?: string }).code).toBe('CONFLICT');
      expect((await store.getNode(n.id))?.version).toBe(2);
    });

    it('renames (re-normalising) and refuses a rename onto another node of the kind', async () => {
      const store = getStore();
      const a = await node(store, 'Solution', 'Replay buffer');
      await node(store, 'Solution', 'Elastic weight consolidation');
      const renamed = await store.updateNode(
        { id: a.id, expectedVersion: 1, patch: { name: 'Experience Replay' } },
        alice,
      );
      expect(renamed).toMatchObject({
        name: 'Experience Replay',
        normalizedName: 'experience replay',
        id: a.id,
      });
      await expectAppError(
        store.updateNode(
          { id: a.id, expectedVersion: 2, patch: { name: 'elastic weight consolidation.' } },
          alice,
        ),
        'CONFLICT',
        'patch.name',
      );
      await expectAppError(
        store.updateNode({ id: a.id, expectedVersion: 2, patch: { props: { authors: [] } } }, alice),
        'VALIDATION',
      );
    });

    it('deletes a node with its edges, checking the version', async () => {
      const store = getStore();
      const p = await node(store, 'Problem', 'P');
      const c = await node(store, 'Challenge', 'C');
      const { edge } = await store.addEdge({ type: 'HAS_CHALLENGE', from: p.id, to: c.id }, alice);
      await expectAppError(
        store.deleteNode({ id: p.id, expectedVersion: 7 }, alice),
        'CONFLICT',
        'expectedVersion',
      );
      await store.deleteNode({ id: p.id, expectedVersion: 1 }, bob);
      expect(await store.getNode(p.id)).toBeNull();
      expect(await store.getEdge(edge.id)).toBeNull();
      expect(await store.getNode(c.id)).not.toBeNull();
      await expectAppError(store.deleteNode({ id: p.id }, bob), 'NOT_FOUND');
    });

    it('appends an audit entry for every change: who, when, before and after', async () => {
      const store = getStore();
      const n = await node(store, 'Topic', 'Continual learning');
      await store.upsertNode({ kind: 'Topic', name: 'Continual learning' }, alice); // no change, no entry
      await store.updateNode({ id: n.id, expectedVersion: 1, patch: { description: 'CL' } }, bob);
      await store.deleteNode({ id: n.id }, bob);
      const entries = await store.auditLog({ entityId: n.id });
      expect(entries.map((e) => e.action)).toEqual(['node.delete', 'node.update', 'node.create']);
      const [deleted, updated, created] = entries;
      expect(created).toMatchObject({
        actor: 'alice',
        before: null,
        after: { name: 'Continual learning', version: 1 },
      });
      expect(updated).toMatchObject({
        actor: 'bob',
        before: { description: '' },
        after: { description: 'CL', version: 2 },
      });
      expect(deleted).toMatchObject({ actor: 'bob', after: null, before: { id: n.id } });
      expect(created?.at).toMatch(ISO);
      expect((updated?.seq ?? 0) > (created?.seq ?? 0)).toBe(true);
      expect((await store.auditLog({ actor: 'bob' })).every((e) => e.actor === 'bob')).toBe(true);
      expect(await store.auditLog({ limit: 1 })).toHaveLength(1);
    });
  });
}
