import type { AnnotationsChanged } from '../contract/annotations.ts';
import { AnnotationStore, type AnnotationChange } from '../annotations/annotation-store.ts';
import type { EventBus } from './event-bus.ts';
import type { HandlerTable } from './handler-table.ts';
import type { Logger } from './logger.ts';

type AnnotationHandlers = Pick<
  HandlerTable,
  'annotations.list' | 'annotations.put' | 'annotations.restore' | 'annotations.delete'
>;

export interface AnnotationDeps {
  dataDir: string;
  events: EventBus;
  logger: Logger;
}

/** annotations.*: the user's notes and added methods in the data dir; every change goes out as an event. */
export function createAnnotationHandlers(deps: AnnotationDeps): {
  handlers: AnnotationHandlers;
  close(): void;
} {
  let store: AnnotationStore | null = null;
  const open = (): AnnotationStore => (store ??= new AnnotationStore(deps.dataDir));
  const announce = (change: AnnotationChange): void =>
    deps.events.emit('annotations.changed', change as AnnotationsChanged);

  return {
    handlers: {
      'annotations.list': async () => open().list(),
      'annotations.put': async (request) => {
        const result = open().put(request);
        const id = result.kind === 'annotation' ? result.record.methodId : result.record.id;
        announce({ kind: result.kind, id, record: result.record });
        return result;
      },
      'annotations.restore': async (backup) => {
        for (const change of open().restore(backup)) announce(change);
        deps.logger.info('annotations restored', {
          annotations: backup.annotations.length,
          userMethods: backup.userMethods.length,
        });
        return { annotations: backup.annotations.length, userMethods: backup.userMethods.length };
      },
      'annotations.delete': async ({ kind, id, baseRevision }) => {
        for (const change of open().delete(kind, id, baseRevision)) announce(change);
        deps.logger.info('annotation deleted', { kind, id });
        return { kind, id };
      },
    },
    close: () => store?.close(),
  };
}
