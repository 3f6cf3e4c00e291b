import { z } from 'zod';
import type { GraphNode, MotivationKind } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { chatStructured } from '../llm/index.ts';
import type { LlmClient } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import { loadSnapshot } from './graph-snapshot.ts';
import { findMergeCandidates, planMerges } from './merge-candidates.ts';
import { MERGE_CONFIRM_SYSTEM, mergeConfirmMessage } from './prompts.ts';
import type { SimilarityMethod } from './similarity.ts';
import { VectorIndex } from './vector-index.ts';

/**
 * Near-identical nodes merge: identical normalised names already meet in one node on the way in (the store
 * upserts by name); here nodes of one kind and level whose vectors reach the similarity threshold are folded
 * together with store.mergeNodes, which keeps the dropped name as an alias and every EXTRACTED_FROM edge. With
 * `confirm`, the extractor model is asked about each pair first.
 */

export interface MergeOptions {
  kinds: readonly MotivationKind[];
  threshold: number;
  similarity: SimilarityMethod;
  /** Ask this model to confirm each pair (the `llmConfirmMerges` setting). */
  confirmWith?: LlmClient;
  actor: string;
  signal?: AbortSignal;
  sessionId?: string;
}

export interface MergeRecord {
  kind: MotivationKind;
  keep: { id: string; name: string };
  drop: { id: string; name: string };
  similarity: number;
  /** null when no confirmation was asked. */
  confirmed: boolean | null;
  reason?: string;
}

export interface MergeReport {
  method: string;
  note?: string;
  threshold: number;
  candidates: number;
  merged: MergeRecord[];
  /** Pairs the model said are different, or that could not be merged (with the reason). */
  declined: MergeRecord[];
}

const ConfirmSchema = z.strictObject({ same: z.boolean(), reason: z.string().max(2_000).default('') });

async function confirmPair(client: LlmClient, a: GraphNode, b: GraphNode, options: MergeOptions) {
  const { value } = await chatStructured(client, ConfirmSchema, {
    role: 'extractor',
    schemaName: 'merge_decision',
    temperature: 0,
    messages: [
      { role: 'system', content: MERGE_CONFIRM_SYSTEM },
      { role: 'user', content: mergeConfirmMessage(a, b) },
    ],
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.sessionId ? { tags: { sessionId: options.sessionId } } : {}),
  });
  return value;
}

export async function mergeNearIdentical(store: GraphStore, options: MergeOptions): Promise<MergeReport> {
  const snapshot = await loadSnapshot(store);
  const stored = options.similarity.model ? snapshot.vectors.get(options.similarity.model) : undefined;
  const report: MergeReport = {
    method: options.similarity.name,
    ...(options.similarity.note ? { note: options.similarity.note } : {}),
    threshold: options.threshold,
    candidates: 0,
    merged: [],
    declined: [],
  };
  for (const kind of options.kinds) {
    const all = snapshot.byKind.get(kind) ?? [];
    for (const level of [...new Set(all.map((n) => n.level))].sort((a, b) => a - b)) {
      const nodes = all.filter((n) => n.level === level);
      if (nodes.length < 2) continue;
      const index = new VectorIndex(await options.similarity.vectors(nodes, stored));
      const plan = planMerges(findMergeCandidates(index, options.threshold));
      report.candidates += plan.length;
      for (const pair of plan) {
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'Merging was cancelled');
        const keep = nodes[pair.keep] as GraphNode;
        const drop = nodes[pair.drop] as GraphNode;
        const record: MergeRecord = {
          kind,
          keep: { id: keep.id, name: keep.name },
          drop: { id: drop.id, name: drop.name },
          similarity: Number(pair.similarity.toFixed(4)),
          confirmed: null,
        };
        if (options.confirmWith) {
          const verdict = await confirmPair(options.confirmWith, keep, drop, options);
          record.confirmed = verdict.same;
          if (verdict.reason) record.reason = verdict.reason;
          if (!verdict.same) {
            report.declined.push(record);
            continue;
          }
        }
        try {
          await store.mergeNodes({ keepId: keep.id, dropId: drop.id }, { actor: options.actor });
          report.merged.push(record);
        } catch (err) {
          // Someone deleted or merged one of them meanwhile: report it, keep going.
          if (!(err instanceof AppError) || (err.code !== 'NOT_FOUND' && err.code !== 'CONFLICT')) throw err;
          report.declined.push({ ...record, reason: err.message });
        }
      }
    }
  }
  return report;
}
