import { getAtlasDb } from '../../lib/db/atlas-db.ts';
import type { AtlasDb } from '../../lib/db/atlas-db.ts';

/**
 * "Use as inspiration": hands chosen methods to the ideator. The ideator (issue 4) does not exist yet, so
 * for now the selection is only saved (Dexie table `inspirations`) for it to pick up; no session is started
 * and none is pretended.
 */

export const IDEATION_PENDING_NOTICE =
  'Ideation sessions arrive with the ideator (issue 4); your selection is saved';

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
