import { expect, it } from 'vitest';
import type * as Curation from '../contract/graph-curation.ts';
import type { GraphNode } from '../graph/model.ts';
import type { CurationMember } from './graph-curation-suite.ts';

/**
 * The notes part of the two-writer curation suite (graph-curation-suite.ts registers it inside its describe, on
 * both stores): notes shared, carried by merge, delete, dump, and by the undo of a delete or a merge.
 */
export function registerNoteCurationTests(twoWriters: () => Promise<[CurationMember, CurationMember]>): void {
  const noteOf = async (who: CurationMember, id: string): Promise<Curation.NodeNote | null> =>
    (await who.ok<{ note: Curation.NodeNote | null }>('graph.node', { id })).note;

  it('undoes a delete with its note: the note back as it was; a note too long for a token is not undoable', async () => {
    const [ada, grace] = await twoWriters();
    const problem = await ada.ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Noted and deleted' });
    const note = await grace.ok<Curation.NodeNote>('graph.saveNote', {
      id: problem.id,
      expectedRevision: 0,
      text: 'Grace: keep this',
    });
    const deleted = await ada.ok<Curation.GraphDeleteResult>('graph.delete', {
      id: problem.id,
      expectedVersion: problem.version,
    });
    const restored = await ada.ok<Curation.GraphRestoreDeletedResult>('graph.restoreDeleted', {
      undo: deleted.undo,
    });
    expect(restored.noteRestored).toBe(true);
    expect(await noteOf(grace, problem.id)).toEqual(note);
    // The note's revision goes on from there for both writers.
    await grace.ok('graph.saveNote', { id: problem.id, expectedRevision: 1, text: 'Grace: again' });

    // Merges can grow a note past what an undo token carries: such a merge and delete are not undoable.
    const drops: GraphNode[] = [];
    for (const i of [1, 2, 3, 4, 5, 6]) {
      const drop = await ada.ok<GraphNode>('graph.create', { kind: 'Problem', name: `Long ${i}` });
      const text = `${i}`.repeat(90 * 1024);
      await ada.ok('graph.saveNote', { id: drop.id, expectedRevision: 0, text });
      drops.push(drop);
    }
    const current = nodeOf(await ada.ok('graph.node', { id: problem.id }));
    const merged = await ada.ok<Curation.GraphMergeResult>('graph.mergeInto', {
      keepId: problem.id,
      expectedKeepVersion: current.version,
      drops: drops.map((d) => ({ id: d.id, expectedVersion: d.version })),
    });
    expect(merged.undo).toBeNull();
    const big = await ada.ok<Curation.GraphDeleteResult>('graph.delete', {
      id: problem.id,
      expectedVersion: merged.node.version,
    });
    expect([big.edgesRemoved, big.undo]).toEqual([0, null]);
  });

  it('undoes a merge with notes: the folded notes back, the survivor’s as before unless saved since', async () => {
    const [ada, grace] = await twoWriters();
    const make = async (name: string, text: string): Promise<[GraphNode, Curation.NodeNote]> => {
      const node = await ada.ok<GraphNode>('graph.create', { kind: 'Challenge', name });
      const note = await ada.ok<Curation.NodeNote>('graph.saveNote', {
        id: node.id,
        expectedRevision: 0,
        text,
      });
      return [node, note];
    };
    const mergeOf = async (keep: GraphNode, drops: GraphNode[]): Promise<Curation.GraphMergeResult> =>
      ada.ok<Curation.GraphMergeResult>('graph.mergeInto', {
        keepId: keep.id,
        expectedKeepVersion: keep.version,
        drops: drops.map((d) => ({ id: d.id, expectedVersion: d.version })),
      });
    const [keep, keepNote] = await make('Survivor', 'survivor’s own');
    const [one, oneNote] = await make('Folded one', 'first folded');
    const [two, twoNote] = await make('Folded two', 'second folded');
    const merged = await mergeOf(keep, [one, two]);
    expect((await noteOf(grace, keep.id))?.text).toContain('second folded');
    const undone = await ada.ok<Curation.GraphUnmergeResult>('graph.unmerge', { undo: merged.undo });
    expect([undone.keepNote, undone.notesRestored]).toEqual(['restored', 2]);
    expect(await noteOf(grace, one.id)).toEqual(oneNote);
    expect(await noteOf(grace, two.id)).toEqual(twoNote);
    // The survivor's text as before, as a new revision by the one who undid (others read the merged one).
    expect(await noteOf(ada, keep.id)).toMatchObject({ text: keepNote.text, revision: 3 });

    // Grace saves the survivor's note after a second merge: the undo keeps hers and says so.
    const [again] = await make('Folded again', 'folded again');
    const current = nodeOf(await ada.ok('graph.node', { id: keep.id }));
    const second = await mergeOf(current, [again]);
    const mergedNote = await noteOf(grace, keep.id);
    const hers = await grace.ok<Curation.NodeNote>('graph.saveNote', {
      id: keep.id,
      expectedRevision: mergedNote?.revision,
      text: `${mergedNote?.text ?? ''}\n\nGrace was here`,
    });
    const kept = await ada.ok<Curation.GraphUnmergeResult>('graph.unmerge', { undo: second.undo });
    expect([kept.keepNote, kept.notesRestored]).toEqual(['kept-changed', 1]);
    expect(await noteOf(ada, keep.id)).toEqual(hers);
    expect((await noteOf(ada, again.id))?.text).toBe('folded again');
  });

  it('shares notes: one writer sees the other’s, one of two saves over the same revision wins, merge, delete and dump carry them', async () => {
    const [ada, grace] = await twoWriters();
    const problem = await ada.ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Noted problem' });
    await ada.ok('graph.saveNote', { id: problem.id, expectedRevision: 0, text: 'Ada: *why* it matters' });
    expect(await noteOf(grace, problem.id)).toMatchObject({ revision: 1, updatedBy: 'Ada' });
    const both = await Promise.all(
      [ada, grace].map((who, i) =>
        who.call('graph.saveNote', { id: problem.id, expectedRevision: 1, text: `edit ${i}` }),
      ),
    );
    const won = both.filter((r) => 'result' in r);
    const lost = both.flatMap((r) => ('error' in r ? [r.error] : []));
    expect([won.length, lost.map((e) => e.code)]).toEqual([1, ['CONFLICT']]);
    const stored = await noteOf(ada, problem.id);
    expect(stored).toMatchObject({ revision: 2 });
    expect(lost[0]?.details).toMatchObject({ current: stored });

    const twin = await grace.ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Noted twin' });
    await grace.ok('graph.saveNote', {
      id: twin.id,
      expectedRevision: 0,
      text: 'Grace: <script>x</script>',
    });
    const { node: kept } = await ada.ok<Curation.GraphMergeResult>('graph.mergeInto', {
      keepId: problem.id,
      expectedKeepVersion: problem.version,
      drops: [{ id: twin.id, expectedVersion: twin.version }],
    });
    const merged = await noteOf(grace, kept.id);
    expect(merged?.text.startsWith(stored?.text ?? '?')).toBe(true);
    expect(merged?.text).toContain('"Noted twin"');
    expect(merged?.text.endsWith('Grace: <script>x</script>')).toBe(true);

    const json = await ada.ok<Curation.GraphExport>('graph.export', { format: 'json' });
    const dump = JSON.parse(json.files[0]?.text ?? '') as {
      formatVersion: number;
      notes: Curation.NodeNote[];
    };
    expect([dump.formatVersion, dump.notes]).toEqual([2, [merged]]);
    const current = nodeOf(await grace.ok('graph.node', { id: kept.id }));
    await grace.ok('graph.delete', { id: kept.id, expectedVersion: current.version });
    await ada.ok('graph.create', { kind: 'Problem', name: 'Unrelated' });
    const empty = await ada.ok<Curation.GraphExport>('graph.export', { format: 'json' });
    expect((JSON.parse(empty.files[0]?.text ?? '') as { notes: unknown[] }).notes).toEqual([]);
    await grace.ok('graph.import', { dump, replace: true });
    expect(await noteOf(ada, kept.id)).toEqual(merged);
  });
}

function nodeOf(detail: unknown): GraphNode {
  return (detail as { relation: { node: GraphNode } }).relation.node;
}
