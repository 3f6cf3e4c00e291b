import { AppError } from '../shared/errors.ts';
import type { Neighbour, VectorIndex } from './vector-index.ts';

/**
 * The paper's parent-node addition over one kind and level (reference/motivgraph-soiq.md): keep a working set S of
 * all nodes; take a focal node N, find its k nearest neighbours still in S, ask a judge whether N and they share a
 * coherent more general concept; if so record a parent over N and the members the judge named (N always included)
 * and remove them all from S, else remove N alone; repeat until S is empty. The judge is the LLM in the app and an
 * instant rule in the benchmark, so candidate search can be timed without LLM time. Pure apart from the judge.
 */

export interface ParentVerdict {
  coherent: boolean;
  name: string;
  description: string;
  /** Indices (into the index) the parent covers; the focal node is added when missing; empty = all neighbours. */
  members: number[];
}

export type ParentJudge = (focal: number, neighbours: Neighbour[]) => Promise<ParentVerdict>;

export interface ParentGroup {
  focal: number;
  members: number[];
  name: string;
  description: string;
}

export interface ParentAdditionResult {
  groups: ParentGroup[];
  judged: number;
  /** Focal nodes with no neighbour left in S (nothing to group them with). */
  alone: number;
}

export async function addParentNodes(
  index: VectorIndex,
  order: readonly number[],
  k: number,
  judge: ParentJudge,
  options: { signal?: AbortSignal; onGroup?: (group: ParentGroup) => Promise<void> } = {},
): Promise<ParentAdditionResult> {
  const result: ParentAdditionResult = { groups: [], judged: 0, alone: 0 };
  for (const focal of order) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'Hierarchy building was cancelled');
    if (!index.isAlive(focal)) continue;
    const neighbours = index.neighbours(focal, k);
    if (neighbours.length === 0) {
      index.remove(focal);
      result.alone++;
      continue;
    }
    const verdict = await judge(focal, neighbours);
    result.judged++;
    if (!verdict.coherent) {
      index.remove(focal);
      continue;
    }
    const allowed = new Set(neighbours.map((n) => n.index));
    // A coherent verdict that names no members covers the whole neighbourhood, as in the paper.
    const named = verdict.members.length > 0 ? verdict.members : [...allowed];
    const members = [focal, ...named.filter((m) => m !== focal && allowed.has(m))];
    const group = {
      focal,
      members: [...new Set(members)],
      name: verdict.name,
      description: verdict.description,
    };
    await options.onGroup?.(group);
    for (const m of group.members) index.remove(m);
    result.groups.push(group);
  }
  return result;
}
