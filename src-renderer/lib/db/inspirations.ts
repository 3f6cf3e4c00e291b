import type { IdeatorInspirationMethod } from '../../../src-main/contract/ideator.ts';
import { getAtlasDb } from './atlas-db.ts';
import type { AtlasDb } from './atlas-db.ts';
import { taxonPath } from '../../features/methods/labels.ts';

/**
 * "Use as inspiration": hands chosen methods to the ideator. The selection is saved (Dexie table
 * `inspirations`) with a snapshot of each method (name, one-line description, category path, paper, year); the
 * Ideate section shows them as removable chips and sends them with the next session, which the researcher sees
 * as extra context. Nothing starts here: a session costs money, so the user starts it after seeing the estimate.
 */

export const IDEATION_PENDING_NOTICE = 'Saved: open Ideate to start a session inspired by these methods';

/** The ideator's limits (src-main/ideator/inspiration.ts): longer text is cut here rather than refused there. */
const LIMITS = { name: 200, description: 500, categoryPath: 300, paperTitle: 300 } as const;

function cut(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

export interface SeededIdeationResult {
  status: 'saved';
  inspirationId: number;
  methodIds: string[];
  notice: string;
}

/** What the researcher will see of each method, read from the atlas (dataset or user-added methods). */
export async function inspirationMethods(
  db: AtlasDb,
  ids: readonly string[],
): Promise<IdeatorInspirationMethod[]> {
  const [methods, userMethods, meta] = await Promise.all([
    db.methods.bulkGet([...ids]),
    db.userMethods.bulkGet([...ids]),
    db.meta.get('dataset'),
  ]);
  const taxonomy = meta?.extras.taxonomy ?? [];
  return ids.flatMap((id, i) => {
    const m = methods[i] ?? userMethods[i];
    if (!m) return [];
    const path = taxonPath(taxonomy, {
      categoryId: m.categoryId,
      subcategoryId: m.subcategoryId,
      groupId: 'groupId' in m ? m.groupId : null,
    });
    const year = m.year !== null && m.year >= 1900 && m.year <= 2100 ? m.year : null;
    return [
      {
        name: cut(m.name, LIMITS.name),
        description: cut(m.description, LIMITS.description),
        categoryPath: cut(
          [path.category, path.subcategory, path.group].filter((p) => p !== null).join(' › '),
          LIMITS.categoryPath,
        ),
        paperTitle: m.paperTitle === null ? null : cut(m.paperTitle, LIMITS.paperTitle),
        year,
      },
    ];
  });
}

export async function startSeededIdeation(
  methodIds: readonly string[],
  db: AtlasDb = getAtlasDb(),
  now = Date.now(),
): Promise<SeededIdeationResult> {
  const ids = [...new Set(methodIds)];
  if (ids.length === 0) throw new Error('Choose at least one method to use as inspiration');
  const inspirationId = await db.transaction(
    'rw',
    [db.inspirations, db.methods, db.userMethods, db.meta],
    async () => {
      const methods = await inspirationMethods(db, ids);
      if (methods.length === 0) throw new Error('None of the chosen methods exists any more');
      return db.inspirations.add({
        methodIds: ids,
        methodNames: methods.map((m) => m.name),
        methods,
        createdAt: now,
        status: 'awaiting-ideator',
      });
    },
  );
  return { status: 'saved', inspirationId, methodIds: ids, notice: IDEATION_PENDING_NOTICE };
}
