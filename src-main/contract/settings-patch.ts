import { z } from 'zod';

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

/**
 * A section's patch: every field optional and WITHOUT its default. zod 4 applies a field's default even under
 * `.partial()`, so `{ ideation: { maxRounds: 3 } }` parsed by a `.partial()` schema would also reset
 * `ideasPerTopic`; a patch must carry only what the caller named.
 */
export function sectionPatch<S extends z.ZodRawShape>(
  section: z.ZodDefault<z.ZodObject<S>>,
): z.ZodOptional<z.ZodObject<PatchShape<S>, z.core.$strict>> {
  const fields = Object.entries(section.unwrap().shape).map(([key, field]) => [
    key,
    z.optional(field instanceof z.ZodDefault ? field.unwrap() : field),
  ]);
  return z.strictObject(Object.fromEntries(fields) as PatchShape<S>).optional();
}
