import { z } from 'zod';
import { OverviewSchema, PathSchema, WhitespaceSchema } from '../graph/explore-schemas.ts';
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

const typed = <T>() => z.custom<T>(() => true);

// Requests are the store's own input schemas: one definition of the limits.
export const graphExploreChannels = {
  'graph.path': { request: PathSchema, response: typed<GraphPath | null>() },
  'graph.whitespace': { request: WhitespaceSchema, response: typed<WhiteSpace>() },
  'graph.overview': { request: OverviewSchema, response: typed<GraphOverview>() },
} as const;

export type GraphExploreChannel = keyof typeof graphExploreChannels;
