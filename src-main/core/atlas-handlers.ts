import type { AtlasChannel } from '../contract/atlas.ts';
import type { AtlasService } from './atlas-service.ts';
import type { Handler } from './handler-table.ts';

export type AtlasHandlers = { [C in AtlasChannel]: Handler<C> };

/** `atlas.*` over the one atlas service (the CLI's `motiv graph map-methods` calls the same channel). */
export function atlasHandlers(service: AtlasService): AtlasHandlers {
  return {
    'atlas.mapOntoGraph': (request, ctx) => service.mapOntoGraph(request, ctx.signal),
    'atlas.mapCancel': () => service.cancel(),
    'atlas.methodLinks': (request) => service.methodLinks(request),
  };
}
