import { z } from 'zod';
import type { GraphNode, ReviewState } from '../graph/model.ts';
import { normalizeName } from '../graph/normalize-name.ts';
import type { GraphStore } from '../graph/port.ts';
import { chatStructured } from '../llm/index.ts';
import type { LlmClient } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import { loadSnapshot } from './graph-snapshot.ts';
import { checkNode } from './naming-rules.ts';
import { addParentNodes } from './parent-addition.ts';
import type { ParentGroup, ParentVerdict } from './parent-addition.ts';
import { PARENT_SYSTEM, parentMessage } from './prompts.ts';
import type { SimilarityMethod } from './similarity.ts';
import { VectorIndex } from './vector-index.ts';

/**
 * Parent-node addition over problems or challenges, level by level: the nodes of a level that have no parent yet
 * form the working set; the extractor model judges each focal node's neighbourhood and names the parent (naming
 * rules enforced, one repair); each parent and its PARENT_OF edges are written in one transaction as they are
 * decided, so an interrupted run loses at most the judgement in flight and a rerun continues with the nodes still
 * without a parent. Parents sit one level above their children.
 */

export type HierarchyKind = 'Problem' | 'Challenge';

export interface HierarchyOptions {
  kind: HierarchyKind;
  /** How many levels to add (1 = parents over the mined nodes). */
  levels: number;
  /** The level whose nodes get parents first (default 0). */
  fromLevel?: number;
  k: number;
  similarity: SimilarityMethod;
  llm: LlmClient;
  review: ReviewState;
  actor: string;
  signal?: AbortSignal;
  sessionId?: string;
  /**
   * After each judgement and each parent written. `position`: how far through the level's working set the walk
   * is (1-based; nodes grouped earlier are skipped, so it can jump), `judged`: model judgements so far.
   */
  onProgress?: (event: HierarchyProgress) => void;
}

export interface HierarchyProgress {
  level: number;
  workingSet: number;
  parents: number;
  position: number;
  judged: number;
}

export interface LevelReport {
  /** The children's level; parents are at level + 1. */
  level: number;
  workingSet: number;
  judged: number;
  parents: Array<{ id: string; name: string; children: string[] }>;
  failures: Array<{ focal: string; message: string }>;
}

export interface HierarchyReport {
  kind: HierarchyKind;
  method: string;
  note?: string;
  levels: LevelReport[];
}

function verdictSchema(kind: HierarchyKind) {
  return z
    .strictObject({
      coherent: z.boolean(),
      name: z.string().max(200).default(''),
      description: z.string().max(2_000).default(''),
      members: z.array(z.string().max(200)).max(50).default([]),
    })
    .superRefine((value, ctx) => {
      if (!value.coherent) return;
      for (const v of checkNode(kind, { name: value.name, description: value.description })) {
        ctx.addIssue({ code: 'custom', path: [v.field], message: v.message });
      }
    });
}

function llmJudge(nodes: readonly GraphNode[], options: HierarchyOptions, failures: LevelReport['failures']) {
  const schema = verdictSchema(options.kind);
  return async (focal: number, neighbours: Array<{ index: number }>): Promise<ParentVerdict> => {
    const focalNode = nodes[focal] as GraphNode;
    const group = [focal, ...neighbours.map((n) => n.index)];
    const listing = group
      .map((i, n) => {
        const node = nodes[i] as GraphNode;
        return `${n === 0 ? 'Focal' : `Neighbour ${n}`}: "${node.name}": ${node.description || '(no description)'}`;
      })
      .join('\n');
    try {
      const { value } = await chatStructured(options.llm, schema, {
        role: 'extractor',
        schemaName: 'parent_node',
        temperature: 0,
        messages: [
          { role: 'system', content: PARENT_SYSTEM },
          { role: 'user', content: parentMessage(options.kind, listing) },
        ],
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.sessionId ? { tags: { sessionId: options.sessionId } } : {}),
      });
      const byName = new Map(group.map((i) => [normalizeName((nodes[i] as GraphNode).name), i]));
      const members = value.members.flatMap((m) => {
        const i = byName.get(normalizeName(m));
        return i === undefined ? [] : [i];
      });
      return {
        coherent: value.coherent,
        name: value.name.trim(),
        description: value.description.trim(),
        members,
      };
    } catch (err) {
      // A judgement the model could not get right after its repair is reported, and the focal node left alone.
      if (!(err instanceof AppError) || err.code !== 'LLM_BAD_OUTPUT') throw err;
      failures.push({ focal: focalNode.name, message: err.message });
      return { coherent: false, name: '', description: '', members: [] };
    }
  };
}

async function writeParent(
  store: GraphStore,
  nodes: readonly GraphNode[],
  group: ParentGroup,
  level: number,
  options: HierarchyOptions,
): Promise<{ id: string; name: string; children: string[] } | string> {
  const children = group.members.map((i) => nodes[i] as GraphNode);
  const key = normalizeName(group.name);
  if (children.some((c) => c.normalizedName === key))
    return `parent name "${group.name}" equals a child's name`;
  const existing = await store.getNodeByName(options.kind, group.name);
  if (existing && existing.level !== level + 1) {
    return `parent name "${group.name}" is taken by a level-${existing.level} node`;
  }
  const result = await store.importBatch(
    {
      nodes: [
        {
          kind: options.kind,
          name: group.name,
          description: group.description,
          level: level + 1,
          origin: 'mined',
          review: options.review,
        },
      ],
      edges: children.map((c) => ({
        type: 'PARENT_OF' as const,
        from: { kind: options.kind, name: group.name },
        to: { id: c.id },
        origin: 'mined' as const,
        review: options.review,
      })),
    },
    { actor: options.actor },
  );
  return { id: result.nodeIds[0] ?? '', name: group.name, children: children.map((c) => c.name) };
}

export async function buildHierarchy(store: GraphStore, options: HierarchyOptions): Promise<HierarchyReport> {
  const report: HierarchyReport = {
    kind: options.kind,
    method: options.similarity.name,
    ...(options.similarity.note ? { note: options.similarity.note } : {}),
    levels: [],
  };
  const from = options.fromLevel ?? 0;
  for (let level = from; level < from + options.levels; level++) {
    const snapshot = await loadSnapshot(store);
    const stored = options.similarity.model ? snapshot.vectors.get(options.similarity.model) : undefined;
    const nodes = (snapshot.byKind.get(options.kind) ?? []).filter(
      (n) => n.level === level && !snapshot.hasParent.has(n.id),
    );
    const levelReport: LevelReport = {
      level,
      workingSet: nodes.length,
      judged: 0,
      parents: [],
      failures: [],
    };
    report.levels.push(levelReport);
    if (nodes.length < 2) continue; // nothing to group here; a higher level may still have work
    const index = new VectorIndex(await options.similarity.vectors(nodes, stored));
    const order = nodes.map((_, i) => i);
    const judge = llmJudge(nodes, options, levelReport.failures);
    let judged = 0;
    // The walk goes through `order` = 0..n-1, so a focal node's index is also the walk's position.
    const progress = (focal: number): void =>
      options.onProgress?.({
        level,
        workingSet: nodes.length,
        parents: levelReport.parents.length,
        position: focal + 1,
        judged,
      });
    const result = await addParentNodes(
      index,
      order,
      options.k,
      async (focal, neighbours) => {
        const verdict = await judge(focal, neighbours);
        judged++;
        progress(focal);
        return verdict;
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        onGroup: async (group) => {
          const written = await writeParent(store, nodes, group, level, options);
          if (typeof written === 'string')
            levelReport.failures.push({ focal: (nodes[group.focal] as GraphNode).name, message: written });
          else levelReport.parents.push(written);
          progress(group.focal);
        },
      },
    );
    levelReport.judged = result.judged;
  }
  return report;
}
