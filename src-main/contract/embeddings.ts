import { z } from 'zod';

/**
 * The local embedding job (issue 12): `graph.embed` gives every graph node without a vector for the local model
 * (all-MiniLM-L6-v2) one, fetching the model on first use; progress arrives as `graph.embedEvent`; a second
 * `graph.embed` while one runs is a CONFLICT; `graph.embedCancel` stops it between steps with what was written
 * kept, and the next `graph.embed` resumes with the nodes still without a vector.
 */

export const GraphEmbedRequestSchema = z.strictObject({});
export const GraphEmbedCancelRequestSchema = z.strictObject({});

export interface GraphEmbedResult {
  /** The model id recorded with the vectors. */
  model: string;
  /** Nodes that needed a vector when the job started. */
  total: number;
  done: number;
  /** Nodes that already had a vector for this model. */
  skipped: number;
  cancelled: boolean;
}

export const GraphEmbedEventSchema = z.object({
  model: z.string(),
  state: z.enum(['fetching-model', 'running', 'completed', 'cancelled', 'failed']),
  total: z.int().min(0),
  done: z.int().min(0),
  /** Set when state is failed: the error's code and message. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type GraphEmbedEvent = z.infer<typeof GraphEmbedEventSchema>;

const typed = <T>() => z.custom<T>(() => true);

export const embeddingChannels = {
  'graph.embed': { request: GraphEmbedRequestSchema, response: typed<GraphEmbedResult>() },
  'graph.embedCancel': {
    request: GraphEmbedCancelRequestSchema,
    response: typed<{ cancelled: boolean }>(),
  },
} as const;

export type EmbeddingChannel = keyof typeof embeddingChannels;
