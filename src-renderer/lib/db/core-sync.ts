import type {
  AnnotationRecord,
  AnnotationsList,
  Channel,
  EventName,
  EventPayload,
  RequestOf,
  ResponseOf,
  UserMethodRecord,
} from '../../../src-main/contract/index.ts';
import { ApiError } from '../api/client.ts';
import type { AtlasDb } from './atlas-db.ts';
import { enqueue, outboxKey, type OutboxEntry } from './outbox.ts';

/**
 * Two-way sync of the user's annotations and added methods between IndexedDB (this origin's cache) and the
 * core (the data dir, the source of truth). Local writes land in IndexedDB at once and are queued; the queue is
 * pushed whenever the core answers, each write naming the revision it started from. The core's rows are pulled
 * on start, after an outage, and on every `annotations.changed` event, except rows with a local write still
 * queued: those wait for the push, which either lands or comes back as a conflict for the user to settle.
 */

export interface CoreCaller {
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type ConflictChoice =
  { kind: 'mine' } | { kind: 'theirs' } | { kind: 'merged'; body: NonNullable<OutboxEntry['body']> };

type AnyRecord = AnnotationRecord | UserMethodRecord;

const RETRY_MS = 2000;

export class CoreSync {
  readonly #db: AtlasDb;
  readonly #core: CoreCaller;
  readonly #onChange: () => void;
  #flushing: Promise<void> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #unsubscribe: (() => void) | null = null;
  /** False after a call failed to reach the core, until one succeeds again. */
  reachable = true;

  constructor(db: AtlasDb, core: CoreCaller, onChange: () => void) {
    this.#db = db;
    this.#core = core;
    this.#onChange = onChange;
  }

  /** Pushes what is queued, pulls the core's rows, then follows changes and retries while the core is away. */
  async start(): Promise<void> {
    this.#unsubscribe ??= this.#core.onEvent('annotations.changed', (change) => {
      void this.#applyRemote(change.kind, change.id, change.record).then(this.#onChange);
    });
    this.#timer ??= setInterval(() => void this.#retry(), RETRY_MS);
    await this.syncNow();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async syncNow(): Promise<void> {
    await this.flush();
    if (this.reachable) await this.pull();
  }

  async #retry(): Promise<void> {
    const wasReachable = this.reachable;
    const waiting = await this.#db.outbox.filter((e) => !e.conflict && e.failed === undefined).count();
    if (wasReachable && waiting === 0) return;
    await this.syncNow();
    this.#onChange();
  }

  /** Pushes queued writes in order; stops at the first sign the core is unreachable. Calls never overlap. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushQueue().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flushQueue(): Promise<void> {
    for (;;) {
      const next = await this.#db.outbox
        .orderBy('seq')
        .filter((e) => e.conflict === undefined && e.failed === undefined)
        .first();
      if (!next) return;
      let record: AnyRecord | null;
      try {
        record = await this.#send(next);
        this.reachable = true;
      } catch (err) {
        if (!(err instanceof ApiError)) {
          this.reachable = false;
          return;
        }
        this.reachable = true;
        const current = (err.details as { current?: AnyRecord | null } | undefined)?.current ?? null;
        if (err.code === 'CONFLICT') await this.#db.outbox.update(next.seq ?? -1, { conflict: current });
        else await this.#db.outbox.update(next.seq ?? -1, { failed: err.message });
        this.#onChange();
        continue;
      }
      await this.#landed(next, record);
    }
  }

  async #send(entry: OutboxEntry): Promise<AnyRecord | null> {
    if (entry.op === 'delete') {
      await this.#core.invoke('annotations.delete', {
        kind: entry.kind,
        id: entry.id,
        baseRevision: entry.baseRevision,
      });
      return null;
    }
    const result =
      entry.kind === 'annotation'
        ? await this.#core.invoke('annotations.put', {
            kind: 'annotation',
            baseRevision: entry.baseRevision,
            body: entry.body,
          })
        : await this.#core.invoke('annotations.put', {
            kind: 'userMethod',
            baseRevision: entry.baseRevision,
            body: entry.body,
          });
    return result.record;
  }

  /** The core took `sent`: record its revision; an edit made meanwhile stays queued on top of it. */
  async #landed(sent: OutboxEntry, record: AnyRecord | null): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', [db.outbox, db.annotations, db.userMethods], async () => {
      const now = await db.outbox.where('key').equals(sent.key).first();
      if (now?.seq === undefined) return;
      if (now.edits === sent.edits) await db.outbox.delete(now.seq);
      else if (record) await db.outbox.update(now.seq, { baseRevision: record.revision });
      if (!record) return;
      if (sent.kind === 'annotation') await db.annotations.update(sent.id, { revision: record.revision });
      else await db.userMethods.update(sent.id, { revision: record.revision });
    });
  }

  /** Replaces the cache with the core's rows, keeping rows with queued writes (and queueing orphans). */
  async pull(): Promise<void> {
    let list: AnnotationsList;
    try {
      list = await this.#core.invoke('annotations.list', {});
      this.reachable = true;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      this.reachable = false;
      return;
    }
    const db = this.#db;
    await db.transaction('rw', [db.outbox, db.annotations, db.userMethods], async () => {
      const pending = new Set((await db.outbox.toArray()).map((e) => e.key));
      const remote = new Set<string>();
      for (const a of list.annotations) {
        remote.add(outboxKey('annotation', a.methodId));
        if (!pending.has(outboxKey('annotation', a.methodId))) await db.annotations.put(a);
      }
      for (const m of list.userMethods) {
        remote.add(outboxKey('userMethod', m.id));
        if (!pending.has(outboxKey('userMethod', m.id))) await db.userMethods.put(m);
      }
      for (const a of await db.annotations.toArray()) {
        const key = outboxKey('annotation', a.methodId);
        if (remote.has(key) || pending.has(key)) continue;
        if ((a.revision ?? 0) > 0) await db.annotations.delete(a.methodId);
        else {
          const { revision: _r, updatedAt: _u, ...body } = a;
          await enqueue(db, { kind: 'annotation', op: 'put', body }, 0);
        }
      }
      for (const m of await db.userMethods.toArray()) {
        const key = outboxKey('userMethod', m.id);
        if (remote.has(key) || pending.has(key)) continue;
        if ((m.revision ?? 0) > 0) await db.userMethods.delete(m.id);
        else {
          const { revision: _r, ...body } = m;
          await enqueue(db, { kind: 'userMethod', op: 'put', body }, 0);
        }
      }
    });
    this.#onChange();
  }

  async #applyRemote(kind: 'annotation' | 'userMethod', id: string, record: AnyRecord | null): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', [db.outbox, db.annotations, db.userMethods], async () => {
      if (await db.outbox.where('key').equals(outboxKey(kind, id)).first()) return;
      await writeCached(db, kind, id, record);
    });
  }

  /** Settles a conflict: push mine again over theirs, take theirs, or push a hand-merged body. */
  async resolve(key: string, choice: ConflictChoice): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', [db.outbox, db.annotations, db.userMethods], async () => {
      const entry = await db.outbox.where('key').equals(key).first();
      if (entry?.seq === undefined || entry.conflict === undefined) return;
      const theirs = entry.conflict;
      if (choice.kind === 'theirs') {
        await db.outbox.delete(entry.seq);
        await writeCached(db, entry.kind, entry.id, theirs);
        return;
      }
      const baseRevision = theirs?.revision ?? 0;
      if (entry.op === 'delete' && theirs === null) {
        await db.outbox.delete(entry.seq);
        return;
      }
      const body = choice.kind === 'merged' ? choice.body : entry.body;
      const { conflict: _settled, ...rest } = entry;
      await db.outbox.put({ ...rest, body, baseRevision } as OutboxEntry);
      if (choice.kind === 'merged')
        await writeCached(db, entry.kind, entry.id, {
          ...choice.body,
          revision: baseRevision,
          updatedAt: Date.now(),
        } as AnyRecord);
      else if (entry.kind === 'annotation') await db.annotations.update(entry.id, { revision: baseRevision });
      else await db.userMethods.update(entry.id, { revision: baseRevision });
    });
    this.#onChange();
    await this.flush();
    this.#onChange();
  }
}

async function writeCached(
  db: AtlasDb,
  kind: 'annotation' | 'userMethod',
  id: string,
  record: AnyRecord | null,
): Promise<void> {
  if (kind === 'annotation') {
    if (record) await db.annotations.put(record as AnnotationRecord);
    else await db.annotations.delete(id);
  } else if (record) await db.userMethods.put(record as UserMethodRecord);
  else await db.userMethods.delete(id);
}
