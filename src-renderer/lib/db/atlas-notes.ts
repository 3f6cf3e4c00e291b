import { z } from 'zod';
import type { Annotation, SolutionLink, UserMethod } from '../../features/methods/atlas-types.ts';
import type { AtlasDb } from './atlas-db.ts';

/** The user's writes: annotations and added methods. */

/** One link per node id (the first wins), blank ids dropped. */
function uniqueLinks(links: readonly SolutionLink[]): SolutionLink[] {
  const seen = new Set<string>();
  return links.flatMap((link) => {
    const id = link.id.trim();
    if (id === '' || seen.has(id)) return [];
    seen.add(id);
    return [{ id, name: link.name?.trim() || null }];
  });
}

export async function saveAnnotation(
  db: AtlasDb,
  annotation: Annotation,
  now = Date.now(),
): Promise<Annotation> {
  const saved: Annotation = {
    ...annotation,
    tags: [...new Set(annotation.tags.map((t) => t.trim()).filter((t) => t !== ''))],
    solutionLinks: uniqueLinks(annotation.solutionLinks),
    updatedAt: now,
  };
  await db.annotations.put(saved);
  return saved;
}

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s));

export const UserMethodInputSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200),
  paperTitle: optionalText,
  year: z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (s === '') return null;
      const year = Number(s);
      if (!Number.isInteger(year) || year < 1950 || year > 2100) {
        ctx.addIssue({ code: 'custom', message: 'Year must be a four-digit year' });
        return z.NEVER;
      }
      return year;
    }),
  venue: optionalText,
  link: optionalText.refine((s) => s === null || /^https?:\/\//.test(s), 'Link must start with http(s)://'),
  code: optionalText.refine(
    (s) => s === null || /^https?:\/\//.test(s),
    'Code link must start with http(s)://',
  ),
  categoryId: z.string().min(1, 'Choose a category'),
  subcategoryId: z.string().min(1, 'Choose a subcategory'),
  description: z.string().trim().min(1, 'A one-line description is required').max(500),
});
export type UserMethodInput = z.input<typeof UserMethodInputSchema>;

export async function addUserMethod(
  db: AtlasDb,
  input: UserMethodInput,
  now = Date.now(),
  id = `user-${crypto.randomUUID()}`,
): Promise<UserMethod> {
  const parsed = UserMethodInputSchema.parse(input);
  const method: UserMethod = { id, userAdded: true, createdAt: now, ...parsed };
  await db.userMethods.add(method);
  return method;
}

export async function deleteUserMethod(db: AtlasDb, id: string): Promise<void> {
  await db.transaction('rw', [db.userMethods, db.annotations], async () => {
    await db.userMethods.delete(id);
    await db.annotations.delete(id);
  });
}
