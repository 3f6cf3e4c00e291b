import { getAtlasDb } from '../../lib/db/atlas-db.ts';
import type { AtlasDb } from '../../lib/db/atlas-db.ts';

/**
 * "Use as inspiration": hands chosen methods to the ideator. The selection is saved (Dexie table
 * `inspirations`); the Ideate section offers it as the topic of the next session and uses it up when that
 * session starts. Nothing starts here: a session costs money, so the user starts it after seeing the estimate.
 */

export const IDEATION_PENDING_NOTICE = 'Saved: open Ideate to start a session inspired by these methods';

export interface SeededIdeationResult {
  status: 'saved';
  inspirationId: number;
  methodIds: string[];
  notice: string;
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
    [db.inspirations, db.methods, db.userMethods],
    async () => {
      const [methods, userMethods] = await Promise.all([
        db.methods.bulkGet(ids),
        db.userMethods.bulkGet(ids),
      ]);
      const methodNames = ids.map((id, i) => methods[i]?.name ?? userMethods[i]?.name ?? id);
      return db.inspirations.add({ methodIds: ids, methodNames, createdAt: now, status: 'awaiting-ideator' });
    },
  );
  return { status: 'saved', inspirationId, methodIds: ids, notice: IDEATION_PENDING_NOTICE };
}
