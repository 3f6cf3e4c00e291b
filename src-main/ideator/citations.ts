import type { NodeKind } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { ideaTexts } from './idea-schema.ts';
import type { Idea } from './idea-schema.ts';

/**
 * Inline graph citations `kg:<kind>:<name>`. Names are written with spaces as underscores (the tools hand the
 * model ready-made refs), so a ref is one token in prose. A ref that names no node is flagged, never dropped
 * silently and never turned into an edge.
 */

const KINDS: Record<string, NodeKind> = {
  problem: 'Problem',
  challenge: 'Challenge',
  solution: 'Solution',
  paper: 'Paper',
  topic: 'Topic',
};

const REF = /kg:(problem|challenge|solution|paper|topic):([\p{L}\p{N}_\-'./]+)/giu;

export interface Citation {
  ref: string;
  kind: NodeKind;
  name: string;
  /** The graph node's id, or null when no node of that kind has that name. */
  nodeId: string | null;
  /** `unchecked`: the graph could not be read when the version was written. */
  status: 'resolved' | 'missing' | 'unchecked';
}

export function nodeRef(kind: NodeKind, name: string): string {
  return `kg:${kind.toLowerCase()}:${name.trim().replace(/\s+/g, '_')}`;
}

/** Distinct refs in order of first appearance; trailing sentence punctuation is not part of a name. */
export function extractRefs(idea: Idea): { ref: string; kind: NodeKind; name: string }[] {
  const seen = new Map<string, { ref: string; kind: NodeKind; name: string }>();
  for (const text of ideaTexts(idea)) {
    for (const match of text.matchAll(REF)) {
      const kindKey = (match[1] ?? '').toLowerCase();
      const kind = KINDS[kindKey];
      const rawName = (match[2] ?? '').replace(/[.'/-]+$/u, '');
      if (!kind || rawName === '') continue;
      const ref = `kg:${kindKey}:${rawName}`;
      if (!seen.has(ref.toLowerCase())) seen.set(ref.toLowerCase(), { ref, kind, name: rawName });
    }
  }
  return [...seen.values()];
}

/** Underscored form first (the usual case), then the name exactly as written. */
export async function findCited(store: GraphStore, kind: NodeKind, name: string): Promise<string | null> {
  const spaced = name.replace(/_/g, ' ');
  const node = (await store.getNodeByName(kind, spaced)) ?? (await store.getNodeByName(kind, name));
  return node ? node.id : null;
}

export async function resolveCitations(idea: Idea, store: GraphStore | null): Promise<Citation[]> {
  const out: Citation[] = [];
  for (const { ref, kind, name } of extractRefs(idea)) {
    const nodeId = store ? await findCited(store, kind, name) : null;
    out.push({ ref, kind, name, nodeId, status: nodeId ? 'resolved' : 'missing' });
  }
  return out;
}
