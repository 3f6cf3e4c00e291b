import { randomUUID } from 'node:crypto';
import { LIBRARY_UNDO_WINDOW_MS } from '../contract/library.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceHost } from './service-host.ts';
import type { In, Out } from './service-io.ts';

/**
 * The ideas library, built once per core: every idea as a library entry (own sessions + lab members' Idea nodes),
 * the user's tags/notes/archive in library.sqlite, full-text search. (Skeleton: answers, fleshed out next.)
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
  close(): void;
}

export function createLibraryService(_host: ServiceHost): LibraryService {
  const catalogue = randomUUID();
  const meta = (
    ideaId: string,
  ): {
    ideaId: string;
    tags: string[];
    note: string;
    archived: boolean;
    revision: number;
    updatedAt: null;
  } => ({
    ideaId,
    tags: [],
    note: '',
    archived: false,
    revision: 0,
    updatedAt: null,
  });
  return {
    list: async () => ({
      cursor: `${catalogue}:0`,
      full: true,
      entries: [],
      removedIds: [],
      unavailable: [],
    }),
    search: async () => ({ hits: [] }),
    update: async ({ ideaId }) => meta(ideaId),
    archive: async ({ ideaId }) => meta(ideaId),
    restore: async ({ ideaId }) => meta(ideaId),
    delete: async ({ ideaId, confirm }) => {
      if (confirm !== ideaId)
        throw new AppError('VALIDATION', 'confirm must repeat the idea id', { field: 'confirm' });
      return { ideaId, undoUntil: new Date(Date.now() + LIBRARY_UNDO_WINDOW_MS).toISOString() };
    },
    undelete: async ({ ideaId }) => meta(ideaId),
    tags: async () => ({ tags: [] }),
    close: () => undefined,
  };
}
