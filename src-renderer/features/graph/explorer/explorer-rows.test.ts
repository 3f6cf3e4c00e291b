import { describe, expect, it } from 'vitest';
import type { GraphNode, NodeKind, ReviewState } from '../../../../src-main/contract/graph.ts';
import { DEFAULT_SORT, explorerRows, toggleSort } from './explorer-rows.ts';

function node(
  id: string,
  kind: Exclude<NodeKind, 'Paper' | 'Idea'>,
  name: string,
  extra: { level?: number; review?: ReviewState } = {},
): GraphNode {
  return {
    id,
    kind,
    name,
    normalizedName: name,
    description: '',
    aliases: [],
    level: 0,
    props: {},
    origin: 'mined',
    review: 'proposed',
    createdBy: 'ana',
    updatedBy: 'ana',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...extra,
  };
}

const nodes = [
  node('s', 'Solution', 'Beam search', { review: 'approved' }),
  node('p', 'Problem', 'Reasoning', { level: 1 }),
  node('c2', 'Challenge', 'Backtracking'),
  node('c1', 'Challenge', 'Accuracy', { review: 'rejected' }),
  node('hidden', 'Problem', 'Aaa filtered out'),
];
const visible = new Set(['s', 'p', 'c1', 'c2']);
const degree = new Map([
  ['s', 5],
  ['p', 1],
  ['c1', 3],
]);
const ids = (column: Parameters<typeof toggleSort>[1], descending = false): string[] =>
  explorerRows(nodes, visible, degree, { column, descending }).map((r) => r.node.id);

describe('explorer rows', () => {
  it('read P → C → S by default, names A → Z within a kind, filtered nodes left out', () => {
    expect(explorerRows(nodes, visible, degree, DEFAULT_SORT).map((r) => r.node.id)).toEqual([
      'p',
      'c1',
      'c2',
      's',
    ]);
  });

  it('sort by each column both ways; ties keep reading A → Z', () => {
    expect(ids('name')).toEqual(['c1', 'c2', 's', 'p']);
    expect(ids('name', true)).toEqual(['p', 's', 'c2', 'c1']);
    expect(ids('degree')).toEqual(['c2', 'p', 'c1', 's']);
    expect(ids('degree', true)).toEqual(['s', 'c1', 'p', 'c2']);
    expect(ids('level', true)).toEqual(['p', 'c1', 'c2', 's']);
    expect(ids('review')).toEqual(['s', 'c2', 'p', 'c1']);
    expect(explorerRows(nodes, visible, degree, DEFAULT_SORT).map((r) => r.degree)).toEqual([1, 3, 0, 5]);
  });

  it('a header click sorts by its column, a second click flips it', () => {
    const byName = toggleSort(DEFAULT_SORT, 'name');
    expect(byName).toEqual({ column: 'name', descending: false });
    expect(toggleSort(byName, 'name')).toEqual({ column: 'name', descending: true });
    expect(toggleSort({ column: 'name', descending: true }, 'degree')).toEqual({
      column: 'degree',
      descending: false,
    });
  });
});
