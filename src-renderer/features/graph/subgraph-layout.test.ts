import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, NodeKind, Subgraph } from '../../../src-main/contract/graph.ts';
import { labelLines, layoutSubgraph } from './subgraph-layout.ts';

const stamp = {
  origin: 'curated',
  review: 'approved',
  createdBy: 't',
  updatedBy: 't',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
} as const;

function node(id: string, kind: Exclude<NodeKind, 'Paper' | 'Idea'>, name: string, level = 0): GraphNode {
  return {
    ...stamp,
    id,
    kind,
    name,
    normalizedName: name.toLowerCase(),
    description: '',
    aliases: [],
    level,
    props: {},
  };
}

function edge(id: string, type: GraphEdge['type'], from: string, to: string): GraphEdge {
  return { ...stamp, id, type, from, to, props: {} };
}

const graph: Subgraph = {
  nodes: [
    node('s1', 'Solution', 'Tree search'),
    node('c1', 'Challenge', 'No backtracking'),
    node('p1', 'Problem', 'Multi-step reasoning'),
    node('p0', 'Problem', 'Reliable reasoning', 1),
  ],
  edges: [
    edge('e1', 'HAS_CHALLENGE', 'p1', 'c1'),
    edge('e2', 'SOLVED_BY', 'c1', 's1'),
    edge('e3', 'PARENT_OF', 'p0', 'p1'),
  ],
  truncated: false,
};

describe('layoutSubgraph', () => {
  it('puts problems, challenges and solutions in columns left to right, parents above children', () => {
    const layout = layoutSubgraph(graph, 'c1');
    const at = (id: string) => layout.nodes.find((n) => n.node.id === id);
    expect(layout.columns.map((c) => c.label)).toEqual(['Problems', 'Challenges', 'Solutions']);
    expect((at('p1')?.x ?? 0) < (at('c1')?.x ?? 0)).toBe(true);
    expect((at('c1')?.x ?? 0) < (at('s1')?.x ?? 0)).toBe(true);
    expect(at('p0')?.x).toBe(at('p1')?.x);
    expect((at('p0')?.y ?? 0) < (at('p1')?.y ?? 0)).toBe(true);
    expect(at('c1')?.centre).toBe(true);
    expect(layout.edges).toHaveLength(3);
  });

  it('is deterministic whatever order the store returns things in', () => {
    const shuffled: Subgraph = {
      ...graph,
      nodes: [...graph.nodes].reverse(),
      edges: [...graph.edges].reverse(),
    };
    expect(layoutSubgraph(shuffled, 'c1')).toEqual(layoutSubgraph(graph, 'c1'));
  });

  it('keeps the centre near the top of its column among siblings of the same level', () => {
    const siblings: Subgraph = {
      nodes: [
        ...graph.nodes,
        node('p2', 'Problem', 'Agents for the web'),
        node('p3', 'Problem', 'Code agents'),
      ],
      edges: [...graph.edges, edge('e4', 'PARENT_OF', 'p0', 'p2'), edge('e5', 'PARENT_OF', 'p0', 'p3')],
      truncated: false,
    };
    const order = layoutSubgraph(siblings, 'p1')
      .nodes.filter((n) => n.node.kind === 'Problem')
      .sort((a, b) => a.y - b.y)
      .map((n) => n.node.id);
    expect(order).toEqual(['p0', 'p1', 'p2', 'p3']);
  });

  it('drops the nodes farthest from the centre first and counts them', () => {
    const layout = layoutSubgraph(graph, 's1', 2);
    expect(layout.nodes.map((n) => n.node.id).sort()).toEqual(['c1', 's1']);
    expect(layout.hidden).toBe(2);
    expect(layout.edges.map((e) => e.edge.id)).toEqual(['e2']);
  });
});

describe('labelLines', () => {
  it('wraps at spaces into at most two lines and marks what was cut', () => {
    expect(labelLines('Short name')).toEqual(['Short name']);
    expect(labelLines('Left-to-right decoding cannot revisit earlier steps', 26)).toEqual([
      'Left-to-right decoding',
      'cannot revisit earlier…',
    ]);
    expect(labelLines('Supercalifragilisticexpialidocious-and-more', 10)).toEqual(['Supercali…']);
  });
});
