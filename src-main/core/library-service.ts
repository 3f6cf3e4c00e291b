import { join } from 'node:path';
import type { LibraryEntry, LibraryListResponse } from '../contract/library.ts';
import { LIBRARY_UNDO_WINDOW_MS } from '../contract/library.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { newestDirectScores } from '../judge/newest-evaluation.ts';
import { fingerprint, labEntries, ownEntries, type Evaluations } from '../library/entries.ts';
import type { LabIdea } from '../library/lab-ideas.ts';
import { LibraryStore, publicMeta } from '../library/library-store.ts';
import { readOwnIdeas, readTranscripts, withIdeatorFile } from '../library/own-ideas.ts';
import { AppError } from '../shared/errors.ts';
import { refreshOnIdeatorChanges } from './library-follow.ts';
import { createLabReader } from './library-lab.ts';
import type { ServiceHost } from './service-host.ts';
import type { In, Out } from './service-io.ts';

/**
 * The ideas library, built once per core: every idea as a library entry (the user's own sessions, and on a
 * shared Neo4j the Idea nodes lab members wrote back), the user's tags/notes/archive/deletion in library.sqlite,
 * full-text search. Each read reconciles the entries against the catalogue (library/catalogue.ts), which numbers
 * the changes that `changedSince` cursors and `library.changed` events refer to.
 */
export interface LibraryService {
  list(request: In<'library.list'>): Out<'library.list'>;
  search(request: In<'library.search'>): Out<'library.search'>;
  update(request: In<'library.update'>): Out<'library.update'>;
  archive(request: In<'library.archive'>): Out<'library.archive'>;
  restore(request: In<'library.restore'>): Out<'library.restore'>;
  delete(request: In<'library.delete'>): Out<'library.delete'>;
  undelete(request: In<'library.undelete'>): Out<'library.undelete'>;
  tags(): Out<'library.tags'>;
  close(): Promise<void>;
}

interface Refreshed {
  entries: LibraryEntry[];
  seq: number;
  unavailable: LibraryListResponse['unavailable'];
}

const CURSOR = /^([0-9a-f-]{36}):(\d{1,15})$/;

export function createLibraryService(host: ServiceHost): LibraryService {
  let opened: LibraryStore | null = null;
  const store = (): LibraryStore => (opened ??= new LibraryStore(host.dataDir));
  const lab = createLabReader(host);

  const evaluations = (ideaIds: readonly string[]): Evaluations => {
    const judgments = new JudgmentStore(join(host.dataDir, 'judgments.sqlite'));
    try {
      return { direct: newestDirectScores(judgments, ideaIds), tournaments: judgments.tournaments() };
    } finally {
      judgments.close();
    }
  };

  /** Reads every store once, records what changed, and tells other windows. */
  const refresh = async (): Promise<Refreshed> => {
    const unavailable: Refreshed['unavailable'] = [];
    let labIdeas: LabIdea[] = [];
    try {
      labIdeas = (await lab.read()) ?? [];
    } catch (err) {
      const message = err instanceof AppError ? err.message : 'the lab graph could not be read';
      host.logger.warn('library: lab ideas unavailable', { message });
      unavailable.push({ source: 'lab', message });
    }
    const metas = store().allMeta();
    return withIdeatorFile(host.dataDir, (db) => {
      const own = readOwnIdeas(db);
      const mine = ownEntries(
        own,
        metas,
        evaluations(own.ideas.map((i) => i.id)),
        host.prices(),
        // The display name, not host.actor(): that differs between the app and the CLI, and an author that
        // changed with the process would mark every entry changed.
        host.settings.get().profile.displayName || null,
      );
      // An idea of the user's own sessions is listed once, as theirs, not again as its graph node.
      const ownNodes = new Set(own.ideas.map((i) => i.graphNodeId));
      const theirs = labEntries(
        labIdeas.filter((n) => !ownNodes.has(n.id)),
        metas,
      );
      const entries = [...mine, ...theirs].filter((e) => (metas.get(e.id)?.deletedAt ?? null) === null);
      const items = entries.map((e) => ({
        id: e.id,
        source: e.source,
        fingerprint: fingerprint(e, own.lastTurn.get(e.id) ?? 0),
        title: e.title,
        abstract: e.abstract,
        note: e.note,
      }));
      const keep = new Set(unavailable.map((u) => u.source));
      const { seq, changedIds } = store().reconcile(items, keep, (ids) => readTranscripts(db, ids));
      if (changedIds.length > 0) host.events.emit('library.changed', { seq, ideaIds: changedIds });
      return { entries, seq, unavailable };
    });
  };

  /** The idea must be listed now (or be a deletion within its undo window, for undelete). */
  const requireListed = async (ideaId: string): Promise<void> => {
    const { entries } = await refresh();
    if (!entries.some((e) => e.id === ideaId)) {
      throw new AppError('NOT_FOUND', `No idea ${ideaId} in the library`, { field: 'ideaId', ideaId });
    }
  };

  const follower =
    host.transport === 'app' ? refreshOnIdeatorChanges(host.events, refresh, host.logger) : null;

  const afterWrite = async <T>(result: T): Promise<T> => {
    await refresh();
    return result;
  };

  return {
    list: async ({ changedSince }) => {
      const { entries, seq, unavailable } = await refresh();
      const catalogue = store().catalogueId();
      const cursor = `${catalogue}:${seq}`;
      const since = changedSince === undefined ? null : CURSOR.exec(changedSince);
      const from = since && since[1] === catalogue ? Number(since[2]) : null;
      if (from === null || from > seq) return { cursor, full: true, entries, removedIds: [], unavailable };
      const { changed, removed } = store().changesAfter(from);
      return {
        cursor,
        full: false,
        entries: entries.filter((e) => changed.has(e.id)),
        removedIds: removed,
        unavailable,
      };
    },
    search: async (request) => {
      await refresh();
      return { hits: store().search(request) };
    },
    update: async ({ ideaId, baseRevision, tags, note }) => {
      await requireListed(ideaId);
      const patch = {
        ...(tags === undefined ? {} : { tags: [...new Set(tags)] }),
        ...(note === undefined ? {} : { note }),
      };
      return afterWrite(publicMeta(store().write(ideaId, baseRevision, patch)));
    },
    archive: async ({ ideaId, baseRevision }) => {
      await requireListed(ideaId);
      return afterWrite(publicMeta(store().write(ideaId, baseRevision, { archived: true })));
    },
    restore: async ({ ideaId, baseRevision }) => {
      await requireListed(ideaId);
      return afterWrite(publicMeta(store().write(ideaId, baseRevision, { archived: false })));
    },
    delete: async ({ ideaId, confirm }) => {
      if (confirm !== ideaId) {
        throw new AppError('VALIDATION', 'To delete an idea for good, confirm must repeat its id', {
          field: 'confirm',
        });
      }
      await requireListed(ideaId);
      const now = Date.now();
      store().write(ideaId, undefined, { deletedAt: now }, (current) => {
        if (!current.archived) {
          throw new AppError('CONFLICT', `Idea ${ideaId} is not archived: archive it before deleting it`, {
            ideaId,
            current: publicMeta(current),
          });
        }
      });
      return afterWrite({ ideaId, undoUntil: new Date(now + LIBRARY_UNDO_WINDOW_MS).toISOString() });
    },
    undelete: async ({ ideaId }) => afterWrite(publicMeta(store().undelete(ideaId))),
    tags: async () => {
      const { entries } = await refresh();
      const counts = new Map<string, number>();
      for (const entry of entries) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      const tags = [...counts].map(([tag, count]) => ({ tag, count }));
      return { tags: tags.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)) };
    },
    close: async () => {
      await follower?.close();
      opened?.close();
      opened = null;
      await lab.close();
    },
  };
}
