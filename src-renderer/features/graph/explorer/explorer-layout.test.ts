import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, NodeKind } from '../../../../src-main/contract/graph.ts';
import { actorsOf, defaultFilters, visibleIds } from './explorer-filters.ts';
import { degrees, layeredLayout, sizeForDegree } from './explorer-layout.ts';
import { DEFAULT_SORT, explorerRows, toggleSort } from './explorer-rows.ts';
import { challengeDraft, nodeDraft } from './gap-topics.ts';

const stamp = {
  origin: 'mined',
  review: 'proposed',
  createdBy: 'ana',
  updatedBy: 'ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
} as const;

function node(id: string, kind: Exclude<NodeKind, 'Paper' | 'Idea'>, name: string, extra = {}): GraphNode {
  return {
    ...stamp,
    id,
    kind,
    name,
    normalizedName: name,
    description: '',
    aliases: [],
    level: 0,
    props: {},
    ...extra,
  };
}
const edge = (id: string, type: GraphEdge['type'], from: string, to: string): GraphEdge => ({
  ...stamp,
  id,
  type,
  from,
  to,
  props: {},
});

describe('layered explorer layout', () => {
  it('puts problems left of challenges left of solutions, whatever order the nodes come in', () => {
    const nodes = [
      node('s', 'Solution', 'Replay'),
      node('c', 'Challenge', 'Interference'),
      node('p', 'Problem', 'Forgetting'),
      node('p0', 'Problem', 'Learning', { level: 1 }),
    ];
    const a = layeredLayout(nodes);
    const b = layeredLayout([...nodes].reverse());
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    const x = (id: string) => a.get(id)?.x ?? NaN;
    expect(x('p')).toBeLessThan(x('c'));
    expect(x('c')).toBeLessThan(x('s'));
    // the abstract parent is drawn above the mined problem in its band
    expect(a.get('p0')?.y).toBeGreaterThan(a.get('p')?.y ?? Infinity);
  });

  it('gives 5,000 nodes distinct places, wrapping a band into sub-columns', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      node(`n${i}`, i % 2 ? 'Challenge' : 'Problem', `node ${String(i).padStart(4, '0')}`),
    );
    const placed = layeredLayout(many);
    const keys = new Set([...placed.values()].map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(5000);
    const problemXs = many.filter((n) => n.kind === 'Problem').map((n) => placed.get(n.id)?.x ?? 0);
    const challengeXs = many.filter((n) => n.kind === 'Challenge').map((n) => placed.get(n.id)?.x ?? 0);
    expect(Math.max(...problemXs)).toBeLessThan(Math.min(...challengeXs));
  });

  it('sizes by degree, capped', () => {
    const d = degrees([edge('e1', 'HAS_CHALLENGE', 'p', 'c'), edge('e2', 'SOLVED_BY', 'c', 's')]);
    expect([d.get('p'), d.get('c'), d.get('s')]).toEqual([1, 2, 1]);
    expect(sizeForDegree(0)).toBeLessThan(sizeForDegree(4));
    expect(sizeForDegree(10_000)).toBe(18);
  });
});

describe('explorer filters and keys', () => {
  const nodes = [
    node('p', 'Problem', 'P', { createdBy: 'ben', updatedBy: 'ben' }),
    node('c', 'Challenge', 'C', { review: 'approved' }),
    node('x', 'Challenge', 'X', { origin: 'curated' }),
    { ...node('paper', 'Problem', 'Paper'), kind: 'Paper', props: { authors: [] } } as GraphNode,
  ];
  const edges = [edge('e', 'EXTRACTED_FROM', 'c', 'paper')];

  it('filters by kind, review, origin, lab member and paper', () => {
    const only = (patch: Partial<ReturnType<typeof defaultFilters>>) =>
      [...visibleIds(nodes, edges, { ...defaultFilters(), ...patch })].sort();
    expect(only({})).toEqual(['c', 'p', 'paper', 'x']);
    expect(only({ kinds: ['Challenge'] })).toEqual(['c', 'x']);
    expect(only({ review: 'approved' })).toEqual(['c']);
    expect(only({ origin: 'curated' })).toEqual(['x']);
    expect(only({ actor: 'ben' })).toEqual(['p']);
    expect(only({ paper: 'paper' })).toEqual(['c', 'paper']);
    expect(actorsOf(nodes)).toEqual(['ana', 'ben']);
  });
});

describe('gap topics', () => {
  it('stay within the session topic limit for the longest names', () => {
    const long = node('c', 'Challenge', 'x'.repeat(200));
    const draft = challengeDraft({
      challenge: long,
      solutions: 0,
      problems: 3,
      ideas: 1,
      papers: 2,
      attention: 6,
    });
    expect(draft.topic.length).toBeLessThanOrEqual(500);
    expect(draft.topic).toContain('No solution in the graph addresses it yet');
    expect(nodeDraft(long).topic.length).toBeLessThanOrEqual(500);
  });
});

const rowNodes = [
  node('s', 'Solution', 'Beam search', { review: 'approved' }),
  node('p', 'Problem', 'Reasoning', { level: 1 }),
  node('c2', 'Challenge', 'Backtracking'),
  node('c1', 'Challenge', 'Accuracy', { review: 'rejected' }),
  node('hidden', 'Problem', 'Aaa filtered out'),
];
const rowVisible = new Set(['s', 'p', 'c1', 'c2']);
const rowDegree = new Map([
  ['s', 5],
  ['p', 1],
  ['c1', 3],
]);
const ids = (column: Parameters<typeof toggleSort>[1], descending = false): string[] =>
  explorerRows(rowNodes, rowVisible, rowDegree, { column, descending }).map((r) => r.node.id);

describe('explorer rows', () => {
  it('read P → C → S by default, names A → Z within a kind, filtered nodes left out', () => {
    expect(explorerRows(rowNodes, rowVisible, rowDegree, DEFAULT_SORT).map((r) => r.node.id)).toEqual([
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
    expect(explorerRows(rowNodes, rowVisible, rowDegree, DEFAULT_SORT).map((r) => r.degree)).toEqual([
      1, 3, 0, 5,
    ]);
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
