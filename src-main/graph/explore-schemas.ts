import { z } from 'zod';

/**
 * Inputs of the explorer's reads (path, white space, overview), parsed at the GraphStore boundary and by the
 * transport (contract/graph-explore.ts): zod only, no Node APIs, since the renderer's typecheck reads them too.
 */

const NodeIdSchema = z.string().min(1).max(200);

export const PATH_HOPS_MAX = 6;
export const WHITESPACE_LIMIT_MAX = 200;
/** The explorer draws up to this many nodes at once (bench:ui measures 5,000). */
export const OVERVIEW_LIMIT_MAX = 5_000;

export const PathSchema = z.strictObject({
  from: NodeIdSchema,
  to: NodeIdSchema,
  maxHops: z.int().min(1).max(PATH_HOPS_MAX).default(4),
});

export const WhitespaceSchema = z.strictObject({
  limit: z.int().min(1).max(WHITESPACE_LIMIT_MAX).default(20),
});

export const OverviewSchema = z.strictObject({
  limit: z.int().min(1).max(OVERVIEW_LIMIT_MAX).default(300),
});

export type PathQuery = z.output<typeof PathSchema>;
export type WhitespaceQuery = z.output<typeof WhitespaceSchema>;
export type OverviewQuery = z.output<typeof OverviewSchema>;
