import { z } from 'zod';

/** The pieces the evaluation contracts (judge, ratings, protocol) share, so their requests validate alike. */

/** The five dimensions ideas are judged and rated on, in the rubric's order. */
export const DIMENSION_NAMES = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity'] as const;
export type DimensionName = (typeof DIMENSION_NAMES)[number];

export const IdeaIdSchema = z.string().trim().min(1).max(200);
export const IdeaIdsSchema = z.array(IdeaIdSchema).min(1).max(500);
export const TopicSchema = z.string().trim().min(1).max(500);

/** An object with one field per dimension, each validated by `schema`. */
export function perDimension<T extends z.ZodType>(schema: T): z.ZodObject<Record<DimensionName, T>> {
  return z.object(Object.fromEntries(DIMENSION_NAMES.map((d) => [d, schema])) as Record<DimensionName, T>);
}
