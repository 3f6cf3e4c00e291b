import { z } from 'zod';

/**
 * The local embedding job (issue 12): `graph.embed` gives every graph node without a vector for the local model
 * (all-MiniLM-L6-v2) one, fetching the model on first use; progress arrives as `graph.embedEvent`; a second
 * `graph.embed` while one runs is a CONFLICT; `graph.embedCancel` stops it between steps with what was written
 * kept, and the next `graph.embed` resumes with the nodes still without a vector.
 */

export const GraphEmbedRequestSchema = z.strictObject({});
export const GraphEmbedStatusRequestSchema = z.strictObject({});

/** The Graph section's embeddings panel: are the model files here, and how much of the graph has vectors. */
export interface GraphEmbedStatus {
  /** The local model's id, as recorded with its vectors. */
  model: string;
  modelPresent: boolean;
  /** The folder the model's files are (or will be) in. */
  modelDir: string;
  /** How to get the files when they are missing (the embed job fetches them on first use). */
  howToGet: string;
  totalNodes: number;
  /** Vectors per model the graph holds (a query never mixes models). */
  vectors: Array<{ model: string; count: number }>;
  /** Nodes without a vector for the local model: what the next `graph.embed` would do. */
  withoutVector: number;
  /** An embedding job is running in this process. */
  running: boolean;
}
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

/** A background job's failure as its events carry it: the error's code and message. */
export const JobFailureSchema = z.object({ code: z.string(), message: z.string() });

export const GraphEmbedEventSchema = z.object({
  model: z.string(),
  state: z.enum(['fetching-model', 'running', 'completed', 'cancelled', 'failed']),
  total: z.int().min(0),
  done: z.int().min(0),
  /** Set when state is failed: the error's code and message. */
  error: JobFailureSchema.optional(),
});
export type GraphEmbedEvent = z.infer<typeof GraphEmbedEventSchema>;

const typed = <T>() => z.custom<T>(() => true);

export const embeddingChannels = {
  'graph.embedStatus': { request: GraphEmbedStatusRequestSchema, response: typed<GraphEmbedStatus>() },
  'graph.embed': { request: GraphEmbedRequestSchema, response: typed<GraphEmbedResult>() },
  'graph.embedCancel': {
    request: GraphEmbedCancelRequestSchema,
    response: typed<{ cancelled: boolean }>(),
  },
} as const;

export type EmbeddingChannel = keyof typeof embeddingChannels;
