import { z } from 'zod';
import type { Annotation, SolutionLink, UserMethod } from '../../features/methods/atlas-types.ts';
import type { AtlasDb } from './atlas-db.ts';
import { enqueue, outboxKey } from './outbox.ts';

/**
 * The user's writes: annotations and added methods. Each lands in IndexedDB and in the outbox in one
 * transaction; CoreSync pushes the outbox to the core (the data dir), so a write made offline is never lost.
 */

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
  return db.transaction('rw', [db.annotations, db.outbox], async () => {
    const cached = (await db.annotations.get(annotation.methodId))?.revision ?? 0;
    const saved: Annotation = {
      ...annotation,
      tags: [...new Set(annotation.tags.map((t) => t.trim()).filter((t) => t !== ''))],
      solutionLinks: uniqueLinks(annotation.solutionLinks),
      updatedAt: now,
      revision: cached,
    };
    await db.annotations.put(saved);
    const { methodId, tags, starred, note, solutionLinks } = saved;
    await enqueue(
      db,
      { kind: 'annotation', op: 'put', body: { methodId, tags, starred, note, solutionLinks } },
      cached,
    );
    return saved;
  });
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
  const body = { id, userAdded: true as const, createdAt: now, ...parsed };
  const method: UserMethod = { ...body, revision: 0 };
  await db.transaction('rw', [db.userMethods, db.outbox], async () => {
    await db.userMethods.add(method);
    await enqueue(db, { kind: 'userMethod', op: 'put', body }, 0);
  });
  return method;
}

export async function deleteUserMethod(db: AtlasDb, id: string): Promise<void> {
  await db.transaction('rw', [db.userMethods, db.annotations, db.outbox], async () => {
    const cached = (await db.userMethods.get(id))?.revision ?? 0;
    await db.userMethods.delete(id);
    await db.annotations.delete(id);
    // The core deletes the method's annotation with it; a queued write to that annotation has nothing left to do.
    await db.outbox.where('key').equals(outboxKey('annotation', id)).delete();
    await enqueue(db, { kind: 'userMethod', op: 'delete', id }, cached);
  });
}
