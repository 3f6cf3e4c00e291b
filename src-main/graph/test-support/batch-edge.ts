import type { NodeKind } from '../model.ts';
import type { ImportBatchInput } from '../port.ts';

export type BatchEdge = NonNullable<ImportBatchInput['edges']>[number];
/** A node of the batch (or already stored) named by its kind and name. */
export type NamedRef = readonly [NodeKind, string];

/** An import-batch edge between two nodes named by (kind, name); origin, review and props left to the defaults. */
export function batchEdge(type: BatchEdge['type'], from: NamedRef, to: NamedRef): BatchEdge {
  return { type, from: { kind: from[0], name: from[1] }, to: { kind: to[0], name: to[1] } };
}
