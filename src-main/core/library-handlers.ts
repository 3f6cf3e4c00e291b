import { forwardTo } from './forward-handlers.ts';
import type { HandlerTable } from './handler-table.ts';
import type { LibraryService } from './library-service.ts';

/** The `library.*` channels: thin adapters over the core's library service. */

type LibraryHandlers = Pick<
  HandlerTable,
  | 'library.list'
  | 'library.search'
  | 'library.update'
  | 'library.archive'
  | 'library.restore'
  | 'library.delete'
  | 'library.undelete'
  | 'library.tags'
>;

export function libraryHandlers(library: LibraryService): LibraryHandlers {
  return forwardTo(library, 'library', [
    'list',
    'search',
    'update',
    'archive',
    'restore',
    'delete',
    'undelete',
    'tags',
  ]);
}
