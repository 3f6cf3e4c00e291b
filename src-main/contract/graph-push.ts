import { z } from 'zod';

/**
 * Push with progress (issue 15): `graph.push` (contract/graph-curation.ts) copies this computer's embedded graph
 * into the lab's Neo4j in one transaction; while it runs, `graph.pushEvent` reports nodes and edges written of
 * the total, `graph.pushCancel` stops it (the transaction rolls back: the lab graph stays as it was), and a
 * second push meanwhile is a CONFLICT.
 */

export const GraphPushCancelRequestSchema = z.strictObject({});

export const GraphPushEventSchema = z.object({
  state: z.enum(['reading', 'running', 'completed', 'cancelled', 'failed']),
  nodes: z.int().min(0),
  edges: z.int().min(0),
  totalNodes: z.int().min(0),
  totalEdges: z.int().min(0),
  /** Set when state is failed: the error's code and message. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type GraphPushEvent = z.infer<typeof GraphPushEventSchema>;

const typed = <T>() => z.custom<T>(() => true);

export const graphPushChannels = {
  'graph.pushCancel': { request: GraphPushCancelRequestSchema, response: typed<{ cancelled: boolean }>() },
} as const;

export type GraphPushChannel = keyof typeof graphPushChannels;
