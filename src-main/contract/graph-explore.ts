import { z } from 'zod';
import type { GraphOverview, GraphPath, WhiteSpace } from '../graph/explore-views.ts';

/**
 * The graph explorer's reads: a shortest path between two nodes, the white-space map, the whole-graph overview.
 * Written without Node APIs (the renderer's typecheck reads this file); the store parses them again.
 */

export type {
  ChallengeGap,
  GraphOverview,
  GraphPath,
  TransferCandidate,
  UnsolvedProblem,
  WhiteSpace,
} from '../graph/explore-views.ts';

const NodeId = z.string().min(1).max(200);

/** Hop bounds of a path search (the store's limits; a longer path is a different question). */
export const PATH_MAX_HOPS = 6;

export const GraphPathRequestSchema = z.strictObject({
  from: NodeId,
  to: NodeId,
  maxHops: z.int().min(1).max(PATH_MAX_HOPS).default(4),
});

export const GraphWhitespaceRequestSchema = z.strictObject({
  limit: z.int().min(1).max(200).default(20),
});

export const GraphOverviewRequestSchema = z.strictObject({
  limit: z.int().min(1).max(5_000).default(300),
});

const typed = <T>() => z.custom<T>(() => true);

export const graphExploreChannels = {
  'graph.path': { request: GraphPathRequestSchema, response: typed<GraphPath | null>() },
  'graph.whitespace': { request: GraphWhitespaceRequestSchema, response: typed<WhiteSpace>() },
  'graph.overview': { request: GraphOverviewRequestSchema, response: typed<GraphOverview>() },
} as const;

export type GraphExploreChannel = keyof typeof graphExploreChannels;
