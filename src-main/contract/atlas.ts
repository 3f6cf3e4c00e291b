import { z } from 'zod';
import type { ReviewState } from '../graph/model.ts';
import type { ApplyResult, MappingPlan } from '../atlas/map-onto-graph.ts';

/**
 * The planning-methods atlas mapped onto the graph (issue 15, atlas/README.md): `atlas.mapOntoGraph` with
 * `apply: false` previews the method → challenge matches with their scores and what a run would write; with
 * `apply: true` it writes them as proposed Solution nodes and SOLVED_BY edges. Offline (local MiniLM). Progress
 * arrives as `atlas.mapEvent`; `atlas.mapCancel` stops a run between steps (written batches are kept, each one
 * whole). `atlas.methodLinks`: the graph node a method became and the challenges it is a candidate for.
 */

export type {
  ApplyResult as AtlasApplyResult,
  EdgeStatus as AtlasEdgeStatus,
  MappingPlan as AtlasMappingPlan,
  MethodStatus as AtlasMethodStatus,
  PlannedMatch as AtlasPlannedMatch,
  PlannedMethod as AtlasPlannedMethod,
} from '../atlas/map-onto-graph.ts';

export const AtlasMapRequestSchema = z.strictObject({ apply: z.boolean().default(false) });

export interface AtlasMapResult {
  plan: MappingPlan;
  /** Null for a preview; what was written otherwise. */
  written: ApplyResult | null;
  cancelled: boolean;
}

export const AtlasMapEventSchema = z.object({
  state: z.enum(['embedding', 'writing', 'completed', 'cancelled', 'failed']),
  done: z.int().min(0),
  total: z.int().min(0),
  /** Set when state is failed. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type AtlasMapEvent = z.infer<typeof AtlasMapEventSchema>;

export const AtlasMethodLinksRequestSchema = z.strictObject({
  methodId: z.string().min(1).max(150),
});

export interface AtlasMethodLinks {
  methodId: string;
  /** The Solution node the method became (whatever it is called now), or null when it is not in the graph. */
  node: { id: string; name: string; review: ReviewState } | null;
  /** The challenges it is a candidate solution for, with the mapping edge's review state. */
  challenges: Array<{ id: string; name: string; review: ReviewState }>;
}

const typed = <T>() => z.custom<T>(() => true);

export const atlasChannels = {
  'atlas.mapOntoGraph': { request: AtlasMapRequestSchema, response: typed<AtlasMapResult>() },
  'atlas.mapCancel': { request: z.strictObject({}), response: typed<{ cancelled: boolean }>() },
  'atlas.methodLinks': { request: AtlasMethodLinksRequestSchema, response: typed<AtlasMethodLinks>() },
} as const;

export type AtlasChannel = keyof typeof atlasChannels;
