import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../contract/envelope.ts';
import type {
  GraphDeleteResult,
  GraphDeletePreview,
  GraphExport,
  GraphMergeResult,
  GraphRestoreDeletedResult,
  GraphUnmergeResult,
  NodeNote,
} from '../contract/graph-curation.ts';
import type { AuditEntry, GraphEdge, GraphNode } from '../graph/model.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { channelCaller, resultCaller } from './core-calls.ts';
import { seedSampleGraph } from './graph-sample.ts';
import { NodeNotes } from '../graph/notes/node-notes.ts';
import { SqliteNotesDriver } from '../graph/notes/sqlite-notes-driver.ts';
import { registerNoteCurationTests } from './graph-curation-notes-suite.ts';

/** One writer: the channels as its core answers them. */
export interface CurationMember {
  call: (channel: string, payload: unknown) => Promise<Reply<unknown>>;
  ok: <T>(channel: string, payload: unknown) => Promise<T>;
  fail: (channel: string, payload: unknown) => Promise<{ code: string; message: string; details?: unknown }>;
}

/** Where the two writers' cores live: `dataDirs` gives each core's data directory (one shared for the embedded
 * store, two for Neo4j), `graphEnv` what else points a core at the shared graph, `fresh` empties that graph. */
export interface CurationLab {
  dataDirs: () => [string, string];
  graphEnv: NodeJS.ProcessEnv;
  fresh: () => Promise<void>;
}

/**
 * The curation channels (core/graph-curation-handlers.ts) as two writers call them: two cores on one graph (two
 * windows or a window and the CLI on one data directory; two lab members, each with a data directory and display
 * name, on one Neo4j). Registered for the embedded store (core/graph-curation-handlers.test.ts) and for Neo4j
 * (graph/neo4j/neo4j-store.test.ts, the one file that writes to the test Neo4j).
 */
export function registerGraphCurationTests(name: string, lab: CurationLab): void {
  // Two cores and their first store opens per test: on a loaded machine the Neo4j run needs more than the default.
  describe(`graph curation by two writers: ${name}`, { timeout: 60_000 }, () => {
    const open: Core[] = [];
    afterEach(async () => {
      for (const core of open.splice(0)) await core.close();
    });

    type Member = CurationMember;
    const member = async (dataDir: string, displayName: string): Promise<Member> => {
      const core = await createCore({ env: { MOTIV_SEED: 'off', ...lab.graphEnv, MOTIV_DATA_DIR: dataDir } });
      open.push(core);
      const call = channelCaller(core);
      const ok = resultCaller(call);
      await ok('settings.update', { profile: { displayName } });
      return {
        call,
        ok,
        fail: async (channel, payload) => {
          const reply = await call(channel, payload);
          if (!('error' in reply)) throw new Error(`${channel} succeeded but should have failed`);
          return reply.error;
        },
      };
    };
    // One data directory is one profile: both writers then record the same display name.
    let actors: [string, string] = ['Ada', 'Grace'];
    const twoWriters = async (): Promise<[Member, Member]> => {
      await lab.fresh();
      const [dirA, dirB] = lab.dataDirs();
      actors = dirA === dirB ? ['Ada', 'Ada'] : ['Ada', 'Grace'];
      return [await member(dirA, 'Ada'), await member(dirB, actors[1])];
    };
    /** A Problem by one writer and a Challenge by another (or the same), joined by the challenge's writer. */
    const problemWithChallenge = async (
      [problemBy, problemName]: [Member, string],
      [challengeBy, challengeName]: [Member, string],
    ): Promise<{ problem: GraphNode; challenge: GraphNode }> => {
      const problem = await problemBy.ok<GraphNode>('graph.create', { kind: 'Problem', name: problemName });
      const challenge = await challengeBy.ok<GraphNode>('graph.create', {
        kind: 'Challenge',
        name: challengeName,
      });
      await challengeBy.ok('graph.addEdge', { type: 'HAS_CHALLENGE', from: problem.id, to: challenge.id });
      return { problem, challenge };
    };

    it('creates a node once: the same name from a second writer is a CONFLICT naming the first, not a merge', async () => {
      const [ada, grace] = await twoWriters();
      const node = await ada.ok<GraphNode>('graph.create', {
        kind: 'Problem',
        name: 'Brittle tool use',
        description: 'Agents misuse <tools>',
      });
      expect(node).toMatchObject({ kind: 'Problem', origin: 'curated', createdBy: 'Ada', version: 1 });
      const again = await grace.fail('graph.create', { kind: 'Problem', name: 'brittle  TOOL use' });
      expect(again.code).toBe('CONFLICT');
      expect(again.details).toMatchObject({ field: 'name', existingId: node.id });
      expect((await ada.ok<GraphNode>('graph.node', { id: node.id }).then(nodeOf)).version).toBe(1);
      // Bombs: kinds a person does not create here, blank and oversized names.
      expect((await grace.fail('graph.create', { kind: 'Paper', name: 'x' })).code).toBe('VALIDATION');
      expect((await grace.fail('graph.create', { kind: 'Problem', name: '   ' })).code).toBe('VALIDATION');
      const long = await grace.fail('graph.create', { kind: 'Problem', name: 'x'.repeat(201) });
      expect(long.details).toMatchObject({ issues: [{ path: 'name' }] });
    });

    it('adds edges by the kind rules and removes one only while it is still there', async () => {
      const [ada, grace] = await twoWriters();
      const problem = await ada.ok<GraphNode>('graph.create', { kind: 'Problem', name: 'P one' });
      const challenge = await ada.ok<GraphNode>('graph.create', { kind: 'Challenge', name: 'C one' });
      const solution = await ada.ok<GraphNode>('graph.create', { kind: 'Solution', name: 'S one' });
      const wrong = await ada.fail('graph.addEdge', { type: 'SOLVED_BY', from: problem.id, to: solution.id });
      expect(wrong.code).toBe('VALIDATION');
      expect(
        (await ada.fail('graph.addEdge', { type: 'CITES', from: problem.id, to: solution.id })).code,
      ).toBe('VALIDATION');
      const added = await ada.ok<{ edge: GraphEdge; created: boolean }>('graph.addEdge', {
        type: 'HAS_CHALLENGE',
        from: problem.id,
        to: challenge.id,
      });
      expect(added).toMatchObject({ created: true, edge: { createdBy: 'Ada', origin: 'curated' } });
      const twice = await grace.ok<{ edge: GraphEdge; created: boolean }>('graph.addEdge', {
        type: 'HAS_CHALLENGE',
        from: problem.id,
        to: challenge.id,
      });
      expect(twice).toMatchObject({ created: false, edge: { id: added.edge.id } });

      const stale = { id: added.edge.id, expectedVersion: added.edge.version };
      await grace.ok('graph.removeEdge', stale);
      expect((await ada.fail('graph.removeEdge', stale)).code).toBe('NOT_FOUND');
      const gone = await ada.ok<GraphDeletePreview>('graph.deletePreview', { id: problem.id });
      expect(gone.edges).toEqual([]);
    });

    it('deletes with the edges it showed first; a stale version deletes nothing; the audit says who', async () => {
      const [ada, grace] = await twoWriters();
      const { problem, challenge } = await problemWithChallenge(
        [ada, 'Doomed problem'],
        [ada, 'Kept challenge'],
      );

      const preview = await ada.ok<GraphDeletePreview>('graph.deletePreview', { id: problem.id });
      expect(preview.edges.map((e) => [e.edge.type, e.other.name])).toEqual([
        ['HAS_CHALLENGE', 'Kept challenge'],
      ]);
      // Grace renames it after Ada looked: Ada's delete, at the version she saw, is refused.
      await grace.ok('graph.update', {
        id: problem.id,
        expectedVersion: problem.version,
        patch: { name: 'Still useful problem' },
      });
      const refused = await ada.fail('graph.delete', {
        id: problem.id,
        expectedVersion: preview.node.version,
      });
      expect(refused.code).toBe('CONFLICT');
      expect(nodeOf(await ada.ok('graph.node', { id: problem.id })).name).toBe('Still useful problem');

      const deleted = await ada.ok<{ edgesRemoved: number }>('graph.delete', {
        id: problem.id,
        expectedVersion: problem.version + 1,
      });
      expect(deleted.edgesRemoved).toBe(1);
      expect((await grace.fail('graph.node', { id: problem.id })).code).toBe('NOT_FOUND');
      expect((await grace.ok<GraphDeletePreview>('graph.deletePreview', { id: challenge.id })).edges).toEqual(
        [],
      );
      const audit = await grace.ok<AuditEntry[]>('graph.audit', { entityId: problem.id });
      expect(audit.map((a) => [a.action, a.actor])).toEqual([
        ['node.delete', actors[0]],
        ['node.update', actors[1]],
        ['node.create', actors[0]],
      ]);
    });

    it('undoes a delete: the node and its edges back, a neighbour re-created since reported, a second undo refused', async () => {
      const [ada, grace] = await twoWriters();
      const { problem, challenge } = await problemWithChallenge([ada, 'Undone problem'], [grace, 'Kept one']);
      const other = await grace.ok<GraphNode>('graph.create', { kind: 'Challenge', name: 'Recreated one' });
      await grace.ok('graph.addEdge', { type: 'HAS_CHALLENGE', from: problem.id, to: other.id });
      const deleted = await ada.ok<GraphDeleteResult>('graph.delete', {
        id: problem.id,
        expectedVersion: problem.version,
      });
      if (!deleted.undo) throw new Error('a small delete is undoable');
      // Grace deletes a neighbour and makes a new one of the same name: the old edge has no end to return to.
      await grace.ok('graph.delete', { id: other.id, expectedVersion: other.version });
      await grace.ok('graph.create', { kind: 'Challenge', name: 'Recreated one' });

      const restored = await ada.ok<GraphRestoreDeletedResult>('graph.restoreDeleted', {
        undo: deleted.undo,
      });
      expect(restored.node).toEqual(problem);
      expect(restored.edgesRestored).toBe(1);
      expect(restored.edgesSkipped).toEqual([
        { edge: expect.objectContaining({ to: other.id }), reason: 'endpoint-missing' },
      ]);
      const seen = await grace.ok<GraphDeletePreview>('graph.deletePreview', { id: problem.id });
      expect(seen.edges.map((e) => e.other.id)).toEqual([challenge.id]);
      const audit = await grace.ok<AuditEntry[]>('graph.audit', { entityId: problem.id });
      expect(audit[0]).toMatchObject({ action: 'node.restore', actor: actors[0] });

      expect((await ada.fail('graph.restoreDeleted', { undo: deleted.undo })).code).toBe('CONFLICT');
      // Grace's core did not issue Ada's token, and a token cannot be edited or used for the other undo.
      expect((await grace.fail('graph.restoreDeleted', { undo: deleted.undo })).code).toBe('VALIDATION');
      const [payload = '', mac = ''] = deleted.undo.split('.');
      const edited = `${payload.slice(0, -4)}AAAA.${mac}`;
      expect((await ada.fail('graph.restoreDeleted', { undo: edited })).code).toBe('VALIDATION');
      expect((await ada.fail('graph.unmerge', { undo: deleted.undo })).code).toBe('VALIDATION');
      expect((await ada.fail('graph.unmerge', { undo: 'x'.repeat(5_000_000) })).code).toBe('VALIDATION');
    });

    it('undoes a merge of two nodes unless the survivor was edited since; then both versions are shown', async () => {
      const [ada, grace] = await twoWriters();
      const { problem, challenge: keep } = await problemWithChallenge([ada, 'Root'], [ada, 'Keep me']);
      const drops: GraphNode[] = [];
      for (const name of ['Fold one', 'Fold two']) {
        const drop = await ada.ok<GraphNode>('graph.create', { kind: 'Challenge', name });
        await ada.ok('graph.addEdge', { type: 'HAS_CHALLENGE', from: problem.id, to: drop.id });
        drops.push(drop);
      }
      const request = {
        keepId: keep.id,
        expectedKeepVersion: keep.version,
        drops: drops.map((d) => ({ id: d.id, expectedVersion: d.version })),
        name: 'Fold one',
      };
      const first = await ada.ok<GraphMergeResult>('graph.mergeInto', request);
      const edit = { id: keep.id, expectedVersion: first.node.version, patch: { description: 'Grace' } };
      await grace.ok('graph.update', edit);
      const refused = await ada.fail('graph.unmerge', { undo: first.undo });
      expect(refused).toMatchObject({
        code: 'CONFLICT',
        details: { current: { description: 'Grace' }, beforeMerge: { name: 'Keep me' } },
      });
      expect(nodeOf(await grace.ok('graph.node', { id: keep.id })).description).toBe('Grace');

      // Undo right after a merge: the survivor as before, both folded nodes and their edges back.
      const [ada2] = await twoWriters();
      const roots = await problemWithChallenge([ada2, 'Root'], [ada2, 'Keep me']);
      const again: GraphNode[] = [];
      for (const name of ['Fold one', 'Fold two']) {
        const drop = await ada2.ok<GraphNode>('graph.create', { kind: 'Challenge', name });
        await ada2.ok('graph.addEdge', { type: 'HAS_CHALLENGE', from: roots.problem.id, to: drop.id });
        again.push(drop);
      }
      const merged = await ada2.ok<GraphMergeResult>('graph.mergeInto', {
        ...request,
        keepId: roots.challenge.id,
        expectedKeepVersion: roots.challenge.version,
        drops: again.map((d) => ({ id: d.id, expectedVersion: d.version })),
      });
      const undone = await ada2.ok<GraphUnmergeResult>('graph.unmerge', { undo: merged.undo });
      expect(undone.keep).toMatchObject({ name: 'Keep me', aliases: [] });
      expect(undone.restored).toEqual(again);
      expect(undone.edgesSkipped).toEqual([]);
      const around = await ada2.ok<GraphDeletePreview>('graph.deletePreview', { id: roots.problem.id });
      expect(around.edges.map((e) => e.other.name).sort()).toEqual(['Fold one', 'Fold two', 'Keep me']);
    });

    it('exports what either writer sees, and imports a dump only over an empty graph unless told to replace', async () => {
      const [ada, grace] = await twoWriters();
      const { problem, challenge } = await problemWithChallenge(
        [ada, '=cmd|" /C calc"'],
        [grace, 'Second <one>'],
      );

      const csv = await grace.ok<GraphExport>('graph.export', { format: 'csv' });
      expect(csv).toMatchObject({ nodes: 2, edges: 1 });
      expect(csv.files[0]?.text).toContain(`"'=cmd|"" /C calc"""`);
      const graphml = await ada.ok<GraphExport>('graph.export', { format: 'graphml', ids: [challenge.id] });
      expect(graphml).toMatchObject({ nodes: 1, edges: 0 });
      expect(graphml.files[0]?.text).toContain('Second &lt;one&gt;');
      const missing = await ada.fail('graph.export', { format: 'json', ids: ['no-such-node'] });
      expect(missing).toMatchObject({ code: 'NOT_FOUND', details: { missing: ['no-such-node'] } });

      const json = await ada.ok<GraphExport>('graph.export', { format: 'json', ids: [problem.id] });
      const dump = JSON.parse(json.files[0]?.text ?? '') as unknown;
      expect((await grace.fail('graph.import', { dump })).code).toBe('CONFLICT');
      const broken = await grace.fail('graph.import', {
        dump: { ...(dump as object), nodes: [{ kind: 'Gadget' }] },
      });
      expect(broken).toMatchObject({ code: 'VALIDATION' });
      expect(broken.message).toContain('nodes.0');
      expect((await ada.ok<GraphExport>('graph.export', { format: 'json' })).nodes).toBe(2);

      expect(await grace.ok('graph.import', { dump, replace: true })).toEqual({ nodes: 1, edges: 0 });
      const after = await ada.ok<GraphExport>('graph.export', { format: 'json' });
      expect([after.nodes, after.edges]).toEqual([1, 0]);
    });

    it('merges three nodes under the chosen name, edges moved; a stale pick merges nothing', async () => {
      const [ada, grace] = await twoWriters();
      const problem = await ada.ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Parent problem' });
      const names = ['Hallucinated citations', 'Invented references', 'Fake bibliography entries'];
      const challenges: GraphNode[] = [];
      for (const name of names)
        challenges.push(await ada.ok<GraphNode>('graph.create', { kind: 'Challenge', name }));
      const [keep, dropA, dropB] = challenges as [GraphNode, GraphNode, GraphNode];
      await ada.ok('graph.addEdge', { type: 'HAS_CHALLENGE', from: problem.id, to: dropB.id });
      const request = {
        keepId: keep.id,
        expectedKeepVersion: keep.version,
        drops: [dropA, dropB].map((d) => ({ id: d.id, expectedVersion: d.version })),
        name: 'Invented references',
      };

      // Grace edits one of them after Ada picked it: nothing is merged.
      await grace.ok('graph.update', {
        id: dropB.id,
        expectedVersion: dropB.version,
        patch: { description: 'x' },
      });
      const stale = await ada.fail('graph.mergeInto', request);
      expect(stale).toMatchObject({ code: 'CONFLICT', details: { stale: [{ id: dropB.id }] } });
      expect((await ada.ok<GraphExport>('graph.export', { format: 'json' })).nodes).toBe(4);

      const fresh = {
        ...request,
        drops: [request.drops[0], { id: dropB.id, expectedVersion: dropB.version + 1 }],
      };
      const { node: merged } = await ada.ok<GraphMergeResult>('graph.mergeInto', fresh);
      expect(merged).toMatchObject({ id: keep.id, name: 'Invented references' });
      expect([...merged.aliases].sort()).toEqual(['Fake bibliography entries', 'Hallucinated citations']);
      const edges = await grace.ok<GraphDeletePreview>('graph.deletePreview', { id: keep.id });
      expect(edges.edges.map((e) => [e.edge.type, e.other.id])).toEqual([['HAS_CHALLENGE', problem.id]]);
      expect((await grace.fail('graph.node', { id: dropA.id })).code).toBe('NOT_FOUND');
      const self = await ada.fail('graph.mergeInto', {
        ...request,
        drops: [{ id: keep.id, expectedVersion: 1 }],
      });
      expect(self.code).toBe('VALIDATION');
    });

    const onNeo4j = Boolean(lab.graphEnv['MOTIV_NEO4J_URI']);
    it.runIf(onNeo4j)(
      "pushes one member's embedded graph to the lab Neo4j, over a non-empty one only with replace",
      async () => {
        const [ada, grace] = await twoWriters();
        const [dirA] = lab.dataDirs();
        await seedSampleGraph(dirA);
        const pusher = await member(dirA, 'Ada');
        expect(await pusher.ok('graph.push', {})).toEqual({ nodes: 7, edges: expect.any(Number) as number });
        const seen = await grace.ok<GraphExport>('graph.export', { format: 'json' });
        expect(seen.nodes).toBe(7);
        await ada.ok('graph.create', { kind: 'Topic', name: 'Made in the lab graph' });
        expect((await pusher.fail('graph.push', {})).code).toBe('CONFLICT');
        expect((await grace.ok<GraphExport>('graph.export', { format: 'json' })).nodes).toBe(8);
        expect(await pusher.ok('graph.push', { replace: true })).toMatchObject({ nodes: 7 });
        expect((await grace.ok<GraphExport>('graph.export', { format: 'json' })).nodes).toBe(7);
      },
    );

    it.runIf(onNeo4j)('carries the embedded notes in a push, so the lab sees them', async () => {
      const [, grace] = await twoWriters();
      const [dirA] = lab.dataDirs();
      const [nodeId = ''] = (await seedSampleGraph(dirA)).nodeIds;
      const local = new NodeNotes(SqliteNotesDriver.open(dirA));
      const written = await local.save({ nodeId, expectedRevision: 0, text: 'written offline' }, 'Ada');
      await local.close();
      const pusher = await member(dirA, 'Ada');
      await pusher.ok('graph.push', {});
      expect((await grace.ok<{ note: NodeNote | null }>('graph.node', { id: nodeId })).note).toEqual(written);
    });

    registerNoteCurationTests(twoWriters);

    it.runIf(!onNeo4j)('refuses a push when no Neo4j is configured, saying what to set', async () => {
      const [ada] = await twoWriters();
      const refused = await ada.fail('graph.push', {});
      expect(refused.message).toMatch(/Neo4j/);
    });
  });
}

function nodeOf(detail: unknown): GraphNode {
  return (detail as { relation: { node: GraphNode } }).relation.node;
}
