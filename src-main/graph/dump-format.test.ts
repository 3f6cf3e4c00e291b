import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { parseGraphDump, withNotes, type GraphDump } from './dump-format.ts';

const node = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  kind: 'Problem',
  name: 'A problem',
  description: '',
  aliases: [],
  level: 0,
  props: {},
  version: 1,
  review: 'proposed',
  origin: 'curated',
  ...Object.fromEntries(['createdBy', 'updatedBy'].map((k) => [k, 'ana'])),
  ...Object.fromEntries(['createdAt', 'updatedAt'].map((k) => [k, '2026-01-01T00:00:00.000Z'])),
};
const v1 = {
  format: 'motivgraph-dump',
  formatVersion: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  nodes: [node],
  edges: [],
  embeddings: [],
};
const note = {
  nodeId: node.id,
  text: '<script>x</script>',
  revision: 3,
  updatedBy: 'ana',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

function refusal(input: unknown): AppError {
  try {
    parseGraphDump(input);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('the dump was accepted');
}

describe('the dump format with notes (version 2)', () => {
  it('still reads a version 1 dump, which has no notes', () => {
    const dump = parseGraphDump(v1);
    expect(dump.formatVersion).toBe(1);
    expect(dump.notes).toBeUndefined();
  });

  it('reads notes of a version 2 dump as they were', () => {
    expect(parseGraphDump({ ...v1, formatVersion: 2, notes: [note] }).notes).toEqual([note]);
  });

  it('refuses a note of a node the dump lacks, a second note of a node, and a malformed note, naming the path', () => {
    const stray = refusal({ ...v1, formatVersion: 2, notes: [{ ...note, nodeId: 'elsewhere' }] });
    expect(stray).toMatchObject({ code: 'VALIDATION', details: { path: 'notes.0.nodeId' } });
    const twice = refusal({ ...v1, formatVersion: 2, notes: [note, { ...note, revision: 4 }] });
    expect(twice.details).toMatchObject({ path: 'notes.1.nodeId' });
    expect(refusal({ ...v1, formatVersion: 2, notes: [{ ...note, revision: 0 }] }).details).toMatchObject({
      path: 'notes.0.revision',
    });
    expect(refusal({ ...v1, formatVersion: 3 }).details).toMatchObject({ path: 'formatVersion' });
  });

  it('adds to a store’s dump only the notes of its nodes', () => {
    const dump = parseGraphDump(v1) as GraphDump;
    expect(withNotes(dump, [note, { ...note, nodeId: 'gone' }]).notes).toEqual([note]);
  });
});
