import type {
  AnnotationBody,
  AnnotationRecord,
  UserMethodBody,
  UserMethodRecord,
} from '../../../src-main/contract/index.ts';
import type { AtlasDb } from './atlas-db.ts';

/**
 * Local writes the core has not taken yet, one entry per row (`key` = "kind:id"). Several edits to one row while
 * the core is away coalesce into one entry that keeps the revision the first edit started from, so the core can
 * still tell whether someone else changed the row in between.
 */

export type OutboxEntry = { seq?: number; key: string; id: string; baseRevision: number; edits: number } & (
  | { kind: 'annotation'; op: 'put'; body: AnnotationBody }
  | { kind: 'userMethod'; op: 'put'; body: UserMethodBody }
  | { kind: 'annotation' | 'userMethod'; op: 'delete'; body?: undefined }
) & {
    /** Set when the core refused the entry as stale: its current row (null = deleted there). */
    conflict?: AnnotationRecord | UserMethodRecord | null;
    /** Set when the core refused it for another reason (e.g. validation): shown, kept, never dropped silently. */
    failed?: string;
  };

export type QueuedWrite =
  | { kind: 'annotation'; op: 'put'; body: AnnotationBody }
  | { kind: 'userMethod'; op: 'put'; body: UserMethodBody }
  | { kind: 'annotation' | 'userMethod'; op: 'delete'; id: string };

export const outboxKey = (kind: string, id: string): string => `${kind}:${id}`;

function idOf(write: QueuedWrite): string {
  if (write.op === 'delete') return write.id;
  return write.kind === 'annotation' ? write.body.methodId : write.body.id;
}

/** Queues a write made on top of the cached row's `revision`; call inside a transaction over `outbox`. */
export async function enqueue(db: AtlasDb, write: QueuedWrite, cachedRevision: number): Promise<void> {
  const id = idOf(write);
  const key = outboxKey(write.kind, id);
  const pending = await db.outbox.where('key').equals(key).first();
  const baseRevision = pending ? pending.baseRevision : cachedRevision;
  if (pending?.seq !== undefined) await db.outbox.delete(pending.seq);
  // Created and deleted before the core ever saw it: nothing to send.
  if (write.op === 'delete' && baseRevision === 0) return;
  const edits = (pending?.edits ?? 0) + 1;
  const entry: OutboxEntry =
    write.op === 'delete'
      ? { key, id, kind: write.kind, op: 'delete', baseRevision, edits }
      : write.kind === 'annotation'
        ? { key, id, kind: 'annotation', op: 'put', body: write.body, baseRevision, edits }
        : { key, id, kind: 'userMethod', op: 'put', body: write.body, baseRevision, edits };
  await db.outbox.add(entry);
}
