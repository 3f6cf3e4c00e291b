import { atlasCandidateView } from '../atlas/atlas-candidates.ts';
import { MOTIVATION_KINDS } from '../graph/model.ts';
import type { GraphNode, NodeKind } from '../graph/model.ts';
import type { GraphStore, NodeRelation } from '../graph/port.ts';
import { nodeRef } from './citations.ts';
import { ToolArgs } from './tool-args.ts';

/** The three graph tools over the GraphStore port; results carry ready-made `kg:` refs for citing. */

const DESCRIPTION_CHARS = 240;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function brief(node: GraphNode): Record<string, unknown> {
  return {
    ref: nodeRef(node.kind, node.name),
    kind: node.kind,
    name: node.name,
    description: clip(node.description, DESCRIPTION_CHARS),
  };
}

/** Whole entries are dropped from the end until the JSON fits, so the result stays valid JSON. */
export function bounded(value: { [key: string]: unknown; items: unknown[] }, max: number): string {
  let text = JSON.stringify(value);
  const items = [...value.items];
  while (text.length > max && items.length > 0) {
    items.pop();
    text = JSON.stringify({ ...value, items, truncated: true });
  }
  return text.length > max ? JSON.stringify({ error: 'result too large' }) : text;
}

async function resolveName(store: GraphStore, raw: string): Promise<GraphNode | null> {
  const match = /^kg:([a-z]+):(.+)$/i.exec(raw.trim());
  const kinds: readonly NodeKind[] = match
    ? MOTIVATION_KINDS.filter((k) => k.toLowerCase() === match[1]?.toLowerCase())
    : MOTIVATION_KINDS;
  const name = match ? (match[2] ?? '') : raw;
  for (const kind of kinds) {
    const node =
      (await store.getNodeByName(kind, name.replace(/_/g, ' '))) ?? (await store.getNodeByName(kind, name));
    if (node) return node;
  }
  return null;
}

function relationView(rel: NodeRelation): Record<string, unknown> {
  const refs = (list: { node: GraphNode }[]) =>
    list.slice(0, 8).map((r) => nodeRef(r.node.kind, r.node.name));
  return {
    ...brief(rel.node),
    description: clip(rel.description, 600),
    parents: rel.ancestors.filter((a) => a.depth === 1).map((a) => nodeRef(a.node.kind, a.node.name)),
    children: refs(rel.descendants.filter((d) => d.depth === 1)),
    challenges: refs(rel.neighbours.HAS_CHALLENGE.outgoing),
    problems: refs(rel.neighbours.HAS_CHALLENGE.incoming),
    solutions: refs(rel.neighbours.SOLVED_BY.outgoing),
    solves: refs(rel.neighbours.SOLVED_BY.incoming),
    // Method transfer offline: planning methods the atlas proposed for this challenge, with their paper.
    ...atlasCandidateView(rel.neighbours.SOLVED_BY.outgoing),
  };
}

export async function nodeSearchTool(store: GraphStore, args: unknown, max: number): Promise<string> {
  const a = ToolArgs.node_search.parse(args);
  const hits = await store.nodeSearch({
    query: a.query,
    mode: 'lexical',
    kinds: a.kinds ?? [...MOTIVATION_KINDS],
    limit: a.limit ?? 8,
  });
  return bounded({ items: hits.map((h) => brief(h.node)) }, max);
}

export async function nodeRelationTool(store: GraphStore, args: unknown, max: number): Promise<string> {
  const a = ToolArgs.node_relation.parse(args);
  const items: unknown[] = [];
  for (const raw of a.names) {
    const node = await resolveName(store, raw);
    if (!node) {
      items.push({ name: raw, error: 'no such node; use node_search to find the exact name' });
      continue;
    }
    const rel = await store.nodeRelation(node.id, { hierarchyDepth: 2, neighbourLimit: 8, chainLimit: 5 });
    items.push(relationView(rel));
  }
  return bounded({ items }, max);
}

export async function randomNodesTool(
  store: GraphStore,
  args: unknown,
  max: number,
  seed: number,
): Promise<string> {
  const a = ToolArgs.get_random_nodes.parse(args);
  const nodes = await store.randomNodes({ count: a.n, kinds: a.kinds ?? [...MOTIVATION_KINDS], seed });
  return bounded({ items: nodes.map(brief) }, max);
}
