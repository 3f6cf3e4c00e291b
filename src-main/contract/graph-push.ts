import { z } from 'zod';
import { JobFailureSchema } from './embeddings.ts';

/**
 * Push with progress (issue 15): `graph.push` (contract/graph-curation.ts) copies this computer's embedded graph
 * into the lab's Neo4j in one transaction; while it runs, `graph.pushEvent` reports nodes and edges written of
 * the total, `graph.pushCancel` stops it (the transaction rolls back: the lab graph stays as it was), and a
 * second push meanwhile is a CONFLICT.
 */

export const GraphPushCancelRequestSchema = z.strictObject({});

const Count = z.int().min(0);

export const GraphPushEventSchema = z.object({
  state: z.enum(['reading', 'running', 'completed', 'cancelled', 'failed']),
  /** Written so far (nothing is kept before the one commit), of the totals. */
  nodes: Count,
  edges: Count,
  totalNodes: Count,
  totalEdges: Count,
  /** Set when state is failed. */
  error: JobFailureSchema.optional(),
});
export type GraphPushEvent = z.infer<typeof GraphPushEventSchema>;

const typed = <T>() => z.custom<T>(() => true);

export const graphPushChannels = {
  'graph.pushCancel': { request: GraphPushCancelRequestSchema, response: typed<{ cancelled: boolean }>() },
} as const;

export type GraphPushChannel = keyof typeof graphPushChannels;
