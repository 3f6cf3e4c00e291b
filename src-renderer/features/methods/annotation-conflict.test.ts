import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../lib/db/outbox.ts';
import { resolveFields } from '../../lib/ui/conflict-merge.ts';
import { conflictFields, mergedBody } from './annotation-conflict.ts';

const entry: OutboxEntry = {
  key: 'annotation:llm-p',
  id: 'llm-p',
  kind: 'annotation',
  op: 'put',
  baseRevision: 1,
  edits: 1,
  body: { methodId: 'llm-p', tags: ['mine'], starred: true, note: 'my note', solutionLinks: [] },
  conflict: {
    methodId: 'llm-p',
    tags: ['theirs'],
    starred: false,
    note: 'their note',
    solutionLinks: [{ id: 's1', name: 'Graph RAG' }],
    revision: 2,
    updatedAt: 1,
  },
};

describe('annotation conflicts', () => {
  it('shows each field of both versions', () => {
    expect(conflictFields(entry).map((f) => [f.key, f.mine, f.theirs])).toEqual([
      ['note', 'my note', 'their note'],
      ['tags', 'mine', 'theirs'],
      ['starred', '★', '☆'],
      ['links', '', 'Graph RAG'],
    ]);
  });

  it('a hand merge keeps the typed note and tags and the picked star and links', () => {
    expect(
      mergedBody(
        entry,
        resolveFields(
          'merged',
          conflictFields(entry),
          { note: 'both notes', tags: 'mine, theirs, mine' },
          { starred: 'mine', links: 'theirs' },
        ),
      ),
    ).toEqual({
      methodId: 'llm-p',
      note: 'both notes',
      tags: ['mine', 'theirs'],
      starred: true,
      solutionLinks: [{ id: 's1', name: 'Graph RAG' }],
    });
    // Nothing to merge with a row deleted on the other side.
    const deleted = { ...entry, conflict: null };
    expect(mergedBody(deleted, resolveFields('merged', conflictFields(deleted)))).toBeNull();
  });

  it('a hand merge keeps the tags both sides agree on instead of emptying them', () => {
    const agreed: OutboxEntry = {
      ...entry,
      conflict: { ...entry.conflict!, tags: ['mine'] } as OutboxEntry['conflict'],
    };
    const fields = conflictFields(agreed);
    expect(fields.find((f) => f.key === 'tags')?.change).toBe('same');
    expect(mergedBody(agreed, resolveFields('merged', fields, { note: 'n' }))).toMatchObject({
      tags: ['mine'],
    });
  });
});
