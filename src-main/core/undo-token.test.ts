import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { parseDeleteUndo, parseMergeUndo } from '../graph/notes/note-undo.ts';
import { createUndoTokens } from './undo-token.ts';

const refusal = thrownAppError;

describe('undo tokens', () => {
  it('give back the record they were issued for, on the store that issued them', () => {
    let store = 'embedded:/a';
    const tokens = createUndoTokens(() => store);
    const record = { node: { id: 'n1', name: 'Ünïcode "quotes"' }, edges: [] };
    const token = tokens.issue('delete', record);
    if (!token) throw new Error('a small record gets a token');
    expect(tokens.open('delete', token)).toEqual(record);

    expect(refusal(() => tokens.open('merge', token))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'undo' },
    });
    store = 'neo4j:bolt://lab';
    expect(refusal(() => tokens.open('delete', token)).message).toMatch(/another graph store/);
  });

  it('refuse a token another process issued, an edited one, garbage, and issue none past the size limit', () => {
    const tokens = createUndoTokens(() => 'embedded:/a');
    const token = tokens.issue('merge', { keepVersion: 2 }) ?? '';
    const elsewhere = createUndoTokens(() => 'embedded:/a');
    expect(refusal(() => elsewhere.open('merge', token)).code).toBe('VALIDATION');
    const [payload = '', mac = ''] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ kind: 'merge', store: 'embedded:/a', record: { keepVersion: 9 } }),
    );
    expect(refusal(() => tokens.open('merge', `${forged.toString('base64url')}.${mac}`)).code).toBe(
      'VALIDATION',
    );
    expect(refusal(() => tokens.open('merge', payload)).code).toBe('VALIDATION');
    expect(refusal(() => tokens.open('merge', '..')).code).toBe('VALIDATION');
    expect(tokens.issue('delete', { edges: 'x'.repeat(4_000_000) })).toBeNull();
  });

  it('carry a note that is checked on the way back: a 1 MB note or another node’s note is a typed refusal', () => {
    const tokens = createUndoTokens(() => 'embedded:/a');
    const note = {
      nodeId: 'n1',
      text: 'x',
      revision: 1,
      updatedBy: 'Ada',
      updatedAt: '2026-12-06T12:00:00Z',
    };
    const opened = (kind: 'delete' | 'merge', record: unknown): unknown =>
      tokens.open(kind, tokens.issue(kind, record) ?? '');
    const graph = { node: { id: 'n1', name: 'N' }, edges: [], vectors: [] };
    expect(parseDeleteUndo(opened('delete', { graph, note })).note).toEqual(note);

    const bomb = { graph, note: { ...note, text: 'x'.repeat(1024 * 1024) } };
    expect(refusal(() => parseDeleteUndo(opened('delete', bomb)))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'note.text' },
    });
    const stranger = { graph, note: { ...note, nodeId: 'n2' } };
    expect(refusal(() => parseDeleteUndo(opened('delete', stranger)))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'note.nodeId' },
    });
    const merge = { keepBefore: { id: 'k' }, keepVersion: 3, steps: [{ drop: { id: 'n1' } }] };
    const keep = { before: null, after: { ...note, nodeId: 'k' } };
    expect(
      parseMergeUndo(opened('merge', { graph: merge, notes: { keep, drops: [note] } })).notes.drops,
    ).toEqual([note]);
    const twice = { graph: merge, notes: { keep, drops: [note, note] } };
    expect(refusal(() => parseMergeUndo(opened('merge', twice))).details).toMatchObject({
      field: 'notes.drops',
    });
    const notKeeper = { graph: merge, notes: { keep: { before: null, after: note }, drops: [] } };
    expect(refusal(() => parseMergeUndo(opened('merge', notKeeper))).details).toMatchObject({
      field: 'notes.keep',
    });
  });
});
