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
  return {
    'library.list': (request) => library.list(request),
    'library.search': (request) => library.search(request),
    'library.update': (request) => library.update(request),
    'library.archive': (request) => library.archive(request),
    'library.restore': (request) => library.restore(request),
    'library.delete': (request) => library.delete(request),
    'library.undelete': (request) => library.undelete(request),
    'library.tags': () => library.tags(),
  };
}
